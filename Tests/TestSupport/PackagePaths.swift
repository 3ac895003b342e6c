import Foundation

/// Paths in the package and beside it, found from this source file's location.
public enum PackagePaths {
    /// The package's root directory.
    public static let root: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)  // Tests/TestSupport/PackagePaths.swift
        return components.joined(separator: "/")
    }()

    /// The path of `relative` inside the package.
    public static func file(_ relative: String) -> String { root + "/" + relative }
}
