// swift-tools-version:6.0
import PackageDescription

// Both binaries are linked as fully static executables: no dynamic loader work at start-up, which
// halves a short run's wall time next to `-static-stdlib` alone. The hook runs on every tool call
// and the status line on every prompt refresh, so start-up is most of what they cost.
let staticExecutable: [SwiftSetting] = [.unsafeFlags(["-static-executable"])]
let staticExecutableLink: [LinkerSetting] = [.unsafeFlags(["-static-executable"])]

let package = Package(
    name: "SessionLog",
    products: [
        .executable(name: "session-logger", targets: ["session-logger"]),
        .executable(name: "session-stats", targets: ["session-stats"]),
    ],
    targets: [
        // Foundation-free: everything the hook needs, and the scanner the analyzer reuses.
        .target(name: "SessionLogCore"),
        .executableTarget(
            name: "session-logger",
            dependencies: ["SessionLogCore"],
            swiftSettings: staticExecutable,
            linkerSettings: staticExecutableLink
        ),
        .target(name: "SessionStats", dependencies: ["SessionLogCore"]),
        .executableTarget(
            name: "session-stats",
            dependencies: ["SessionStats"],
            swiftSettings: staticExecutable,
            linkerSettings: staticExecutableLink
        ),
        // Scratch directories, golden files and fixtures, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SessionLogCoreTests", dependencies: ["SessionLogCore", "TestSupport"]),
        // Golden and Fixtures hold expected outputs and hand-made transcripts that the tests read by path.
        .testTarget(
            name: "SessionStatsTests", dependencies: ["SessionStats", "TestSupport"],
            exclude: ["Golden", "Fixtures"]),
        // Runs the built binaries as processes; depends on no package module so the executables stay as shipped.
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ]
)
