import Testing

@testable import SessionLogCore

@Suite struct FileSystemTests {
    @Test func listsRenamesAndRemoves() throws {
        let directory = try FileSystem.makeTemporaryDirectory(prefix: "/tmp/session-log-platform-")
        // A name longer than any fixed 255-byte reading of d_name would be wrong for; 255 is the limit.
        let long = String(repeating: "n", count: 255)
        try FileDescriptor.open(directory + "/" + long, .writeOnly, options: .create).close()
        try FileSystem.makeDirectory(directory + "/sub")
        #expect(try FileSystem.names(in: directory).sorted() == [long, "sub"])
        try FileSystem.rename(directory + "/" + long, to: directory + "/short")
        #expect(try FileSystem.names(in: directory).sorted() == ["short", "sub"])
        #expect(throws: Errno.exists) { try FileSystem.makeDirectory(directory + "/sub") }
        #expect(try FileSystem.status(of: directory + "/sub").kind == .directory)
        try FileSystem.remove(directory + "/short")
        try FileSystem.removeDirectory(directory + "/sub")
        #expect(try FileSystem.names(in: directory).isEmpty)
        #expect(try FileSystem.resolvedPath(directory + "/.") == FileSystem.resolvedPath(directory))
        try FileSystem.removeDirectory(directory)
        #expect(throws: Errno.noSuchFile) { try FileSystem.names(in: directory) }
    }

    @Test func readsTheEnvironmentAndTheClocks() {
        CurrentProcess.setVariable("SESSION_LOG_PLATFORM_TEST", "")
        #expect(CurrentProcess.variable("SESSION_LOG_PLATFORM_TEST") == "")
        CurrentProcess.unsetVariable("SESSION_LOG_PLATFORM_TEST")
        #expect(CurrentProcess.variable("SESSION_LOG_PLATFORM_TEST") == nil)
        #expect(FileSystem.currentDirectory()?.hasPrefix("/") == true)
        let local = SystemClock.localTime(seconds: 0)
        #expect(abs(local.utcOffset) <= 14 * 3600)
        #expect([1969, 1970].contains(local.year))
        #expect(SystemClock.monotonicMilliseconds() <= SystemClock.monotonicMilliseconds())
    }
}
