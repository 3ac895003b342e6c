import Foundation

/// The shared fixtures beside the package (../shared/fixtures), or nil when this clone has none.
enum SharedFixtures {
    /// The package's root directory.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The path of a fixture file, when it exists.
    static func path(_ relative: String) -> String? {
        let path = packageRoot + "/../shared/fixtures/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The lines of a fixture file, when it exists.
    static func lines(_ relative: String) -> [[UInt8]]? {
        guard let path = path(relative), let data = FileManager.default.contents(atPath: path) else {
            return nil
        }
        return data.split(separator: UInt8(ascii: "\n")).map { Array($0) }
    }
}
