import TestSupport
import Testing

@testable import SessionLogCore

@Suite struct FileDescriptorTests {
    @Test func writesReadsAndReportsStatus() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/file"
        let file = try FileDescriptor.open(
            path, .readWrite, options: [.create, .exclusive], permissions: 0o600)
        defer { try? file.close() }
        try file.writeAll("hello\n")
        let status = try file.status()
        #expect(status.kind == .regular)
        #expect(status.size == 6)
        #expect(status.permissions == 0o600)
        #expect(status.owner == CurrentProcess.effectiveUserID)
        #expect(status.modifiedSeconds > 1_700_000_000)
        #expect((0..<1_000_000_000).contains(status.modifiedNanoseconds))
        #expect(try FileSystem.status(of: path) == status)
        var bytes = [UInt8](repeating: 0, count: 16)
        let count = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: 1) }
        #expect(Array(bytes[..<count]) == Array("ello\n".utf8))
        try file.setPermissions(0o640)
        #expect(try FileSystem.status(of: path).permissions == 0o640)
        try file.syncDurably()
    }

    @Test func exclusiveCreateAndNoFollowFailWithTheirErrors() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/file"
        try FileDescriptor.open(path, .writeOnly, options: [.create]).close()
        #expect(throws: Errno.exists) {
            try FileDescriptor.open(path, .writeOnly, options: [.create, .exclusive])
        }
        try FileSystem.makeSymbolicLink(at: directory.path + "/link", to: path)
        #expect(
            try FileSystem.status(of: directory.path + "/link", followingLinks: false).kind == .symbolicLink)
        #expect(try FileSystem.status(of: directory.path + "/link").kind == .regular)
        #expect(throws: Errno.tooManySymbolicLinks) {
            try FileDescriptor.open(directory.path + "/link", .writeOnly, options: [.append, .noFollow])
        }
        #expect(throws: Errno.noSuchFile) { try FileDescriptor.open(directory.path + "/absent", .readOnly) }
        #expect(Errno.noSuchFile.message == "no such file or directory")
    }

    @Test func aSecondExclusiveLockIsRefusedWithoutWaiting() throws {
        let directory = ScratchDirectory()
        let first = try FileDescriptor.open(directory.path, .readOnly, options: .directory)
        let second = try FileDescriptor.open(directory.path, .readOnly, options: .directory)
        defer {
            try? first.close()
            try? second.close()
        }
        #expect(try first.lock(.exclusive, wait: false))
        #expect(try !second.lock(.exclusive, wait: false))
        #expect(try !second.lock(.shared, wait: false))
        try first.unlock()
        #expect(try second.lock(.shared, wait: false))
        #expect(try first.lock(.shared, wait: false))
    }

    @Test func aPipeIsAFIFOThatTimesOutWhenEmpty() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        #expect(try pipe.read.status().kind == .fifo)
        #expect(!pipe.read.isTerminal)
        #expect(try !pipe.read.waitUntilReadable(timeoutMilliseconds: 10))
        let written = try [UInt8(ascii: "x")].withUnsafeBytes { try pipe.write.write($0) }
        #expect(written == 1)
        #expect(try pipe.read.waitUntilReadable(timeoutMilliseconds: 1000))
        #expect(try pipe.read.waitForInput(timeoutMilliseconds: 1000) == .readable)
    }

    @Test func aPipeWhoseWriterClosedHasHungUp() throws {
        let pipe = try FileDescriptor.pipe()
        defer { try? pipe.read.close() }
        _ = try [UInt8(ascii: "x")].withUnsafeBytes { try pipe.write.write($0) }
        try pipe.write.close()
        // Hung up with a byte still buffered: the read gets it, then end of file, neither blocking.
        #expect(try pipe.read.waitForInput(timeoutMilliseconds: 1000) == .hungUp)
        var byte: UInt8 = 0
        #expect(try withUnsafeMutableBytes(of: &byte) { try pipe.read.read(into: $0) } == 1)
        #expect(try withUnsafeMutableBytes(of: &byte) { try pipe.read.read(into: $0) } == 0)
    }

    @Test func truncates() throws {
        let directory = ScratchDirectory()
        let file = try FileDescriptor.open(directory.path + "/cut", .readWrite, options: .create)
        defer { try? file.close() }
        try file.writeAll("twelve bytes")
        try file.truncate(to: 3)
        #expect(try file.status().size == 3)
    }
}
