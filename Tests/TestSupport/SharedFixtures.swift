import Foundation

/// The shared real-data fixtures beside the package (`../shared/fixtures`); nil where a clone has none,
/// so tests skip with a message instead of failing.
public enum SharedFixtures {
    /// The fixtures directory.
    public static let directory = PackagePaths.root + "/../shared/fixtures"

    /// The path of a fixture file, when it exists.
    public static func path(_ relative: String) -> String? {
        let path = directory + "/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The lines of a fixture file, when it exists.
    public static func lines(_ relative: String) -> [[UInt8]]? {
        guard let path = path(relative), let data = FileManager.default.contents(atPath: path) else {
            return nil
        }
        return data.split(separator: UInt8(ascii: "\n")).map { Array($0) }
    }
}
