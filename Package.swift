// swift-tools-version:6.0
import PackageDescription

// On Linux both binaries are linked as fully static executables: no dynamic loader work at start-up,
// which halves a short run's wall time next to `-static-stdlib` alone. The hook runs on every tool
// call and the status line on every prompt refresh, so start-up is most of what they cost. Apple's
// driver rejects `-static-executable`; on macOS the binaries link normally against the OS's Swift runtime.
let staticExecutable: [SwiftSetting] = [.unsafeFlags(["-static-executable"], .when(platforms: [.linux]))]
let staticExecutableLink: [LinkerSetting] = [.unsafeFlags(["-static-executable"], .when(platforms: [.linux]))]

// The hook is linked by lld with the functions one run executes side by side at the start of its
// code (scripts/hook-symbol-order.txt, written by scripts/hook-symbol-order.sh): a run then touches
// a dozen fewer pages of its 6 MB of code, each a page fault. `--no-rosegment` keeps read-only data
// in the code's segment, as the default linker does, for one mapping fewer. The path is absolute, so
// the link does not depend on the directory it runs in.
let packageDirectory = String(#filePath.dropLast("Package.swift".count))
let hookSymbolOrder: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-use-ld=lld",
            "-Xlinker", "--symbol-ordering-file=\(packageDirectory)scripts/hook-symbol-order.txt",
            "-Xlinker", "--no-warn-symbol-ordering", "-Xlinker", "--no-rosegment",
        ], .when(platforms: [.linux]))
]

// Generic type metadata through its accessor rather than by demangling a type name at run time: the
// hook's first [UInt8] then costs it ~11,000 fewer instructions and none of the demangler's pages.
let directMetadataAccess: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"])
]

let package = Package(
    name: "SessionLog",
    // Int128 needs macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "session-logger", targets: ["session-logger"]),
        .executable(name: "session-stats", targets: ["session-stats"]),
    ],
    targets: [
        // Foundation-free: everything the hook needs, and the scanner the analyzer reuses.
        .target(name: "SessionLogCore", swiftSettings: directMetadataAccess),
        .executableTarget(
            name: "session-logger",
            dependencies: ["SessionLogCore"],
            swiftSettings: staticExecutable + directMetadataAccess,
            linkerSettings: staticExecutableLink + hookSymbolOrder
        ),
        .target(name: "SessionStats", dependencies: ["SessionLogCore"]),
        .executableTarget(
            name: "session-stats",
            dependencies: ["SessionStats", "SessionLogCore"],
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
