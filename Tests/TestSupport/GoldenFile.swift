import Foundation

/// Expected outputs kept as files in a test target's `Golden` folder: text and JSON alike.
///
/// Run the tests with `UPDATE_GOLDEN=1` to rewrite them from the current output, then review the diff.
public enum GoldenFile {
    /// The golden folder of the analyzer's tests.
    public static let statsDirectory = PackagePaths.file("Tests/SessionStatsTests/Golden")

    /// The expected text of `name` in `directory`, after rewriting it with `actual` when
    /// `UPDATE_GOLDEN=1`; nil when missing.
    public static func expected(_ name: String, actual: String, in directory: String = statsDirectory)
        -> String?
    {
        let folder = ScratchDirectory(existingPath: directory)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" { folder.write(actual, to: name) }
        return folder.read(name)
    }
}
