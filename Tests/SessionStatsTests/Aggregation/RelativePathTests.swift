import Testing

@testable import SessionStats

@Suite("Relative paths")
struct RelativePathTests {
    @Test(
        "files inside the directory lose its prefix; others stay as they are",
        arguments: [
            ("/home/u/app/src/main.swift", "/home/u/app", "src/main.swift"),
            ("/home/u/app/src/main.swift", "/home/u/app/", "src/main.swift"),
            ("/home/u/application/x", "/home/u/app", "/home/u/application/x"),
            ("/etc/hosts", "/home/u/app", "/etc/hosts"),
            ("/home/u/app", "/home/u/app", "/home/u/app"),
            ("C:\\work\\app\\main.cs", "C:\\work\\app", "main.cs"),
            ("relative/file", "/home/u/app", "relative/file"),
            ("/etc/hosts", "/", "/etc/hosts"),
        ])
    func display(file: String, directory: String, expected: String) {
        #expect(RelativePath.display(file, relativeTo: directory) == expected)
    }

    @Test("no directory, no change")
    func noDirectory() {
        #expect(RelativePath.display("/a/b", relativeTo: nil) == "/a/b")
        #expect(RelativePath.display("/a/b", relativeTo: "") == "/a/b")
    }
}
