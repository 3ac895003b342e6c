import TestSupport
import Testing

@testable import SessionLogCore

/// Only `Sources/SessionLogCore/Platform/` may import a C library module; everything else goes through it.
@Suite struct PlatformImportTests {
    /// The package's root directory.
    static let packageRoot = PackagePaths.root

    /// The folder allowed to import a C library module.
    static let platformFolder = "Sources/SessionLogCore/Platform/"

    /// Every `.swift` file under `folder`, as paths relative to the package root.
    static func swiftFiles(under folder: String) -> [String] {
        guard let names = try? FileSystem.names(in: packageRoot + "/" + folder) else { return [] }
        var files: [String] = []
        for name in names.sorted() {
            let path = folder + "/" + name
            let kind = (try? FileSystem.status(of: packageRoot + "/" + path))?.kind
            if kind == .directory {
                files += swiftFiles(under: path)
            } else if name.hasSuffix(".swift") {
                files.append(path)
            }
        }
        return files
    }

    /// The lines of `text` that import a C library module or name one in a qualified call.
    static func offendingLines(in text: String) -> [String] {
        let modules = ["Glibc", "Darwin", "Musl", "ucrt", "WinSDK"]
        return text.split(separator: "\n").map(String.init).filter { line in
            let code = line.drop { $0 == " " }
            guard !code.hasPrefix("//") else { return false }
            let words = code.split(whereSeparator: { $0 == " " || $0 == "(" })
            for module in modules {
                if let index = words.firstIndex(of: "import"), words.index(after: index) < words.endIndex,
                    words[words.index(after: index)] == module
                {
                    return true
                }
                if code.contains(module + ".") { return true }
            }
            return false
        }
    }

    @Test func findsTheCheckedFiles() {
        // Guards the check itself: a wrong root would make it pass on nothing.
        #expect(Self.swiftFiles(under: "Sources").count > 50)
        #expect(Self.swiftFiles(under: "Tests").count > 20)
        #expect(Self.swiftFiles(under: "Sources").contains(Self.platformFolder + "FileDescriptor.swift"))
    }

    @Test(arguments: ["Glibc", "Darwin", "Musl"])
    func recognisesDirectImports(_ module: String) {
        // The module name is interpolated so that this file does not trip its own check.
        #expect(
            Self.offendingLines(in: "@preconcurrency import \(module)\nlet x = 1") == [
                "@preconcurrency import \(module)"
            ])
        #expect(Self.offendingLines(in: "import \(module)") == ["import \(module)"])
        #expect(
            Self.offendingLines(in: "let n = \(module).write(1, p, 2)") == [
                "let n = \(module).write(1, p, 2)"
            ])
        #expect(Self.offendingLines(in: "import SessionLogCore\n// import \(module)").isEmpty)
        #expect(Self.offendingLines(in: "import \(module)Extras\nimport Foundation").isEmpty)
    }

    @Test func onlyThePlatformLayerImportsACLibrary() throws {
        let files = (Self.swiftFiles(under: "Sources") + Self.swiftFiles(under: "Tests") + ["Package.swift"])
            .filter { !$0.hasPrefix(Self.platformFolder) }
        var offenders: [String] = []
        for file in files {
            let descriptor = try FileDescriptor.open(Self.packageRoot + "/" + file, .readOnly)
            defer { try? descriptor.close() }
            let size = try descriptor.status().size
            var bytes = [UInt8](repeating: 0, count: size)
            var filled = 0
            while filled < size {
                let count = try bytes.withUnsafeMutableBytes {
                    try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
                }
                guard count > 0 else { break }
                filled += count
            }
            for line in Self.offendingLines(in: String(decoding: bytes[..<filled], as: UTF8.self)) {
                offenders.append(file + ": " + line)
            }
        }
        #expect(offenders.isEmpty, "import the platform layer (\(Self.platformFolder)) instead")
    }
}
