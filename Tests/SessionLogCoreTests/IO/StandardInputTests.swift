import Dispatch
import TestSupport
import Testing

@testable import SessionLogCore

@Suite struct StandardInputTests {
    /// Writes `payload` into a new pipe from another thread and closes it; returns the read end and
    /// a group to wait on.
    static func feed(_ payload: [UInt8]) throws -> (FileDescriptor, DispatchGroup) {
        let pipe = try FileDescriptor.pipe()
        let writer = DispatchGroup()
        DispatchQueue.global().async(group: writer) {
            try? pipe.write.writeAll(payload)
            try? pipe.write.close()
        }
        return (pipe.read, writer)
    }

    @Test func readsAPipeToTheEnd() throws {
        let payload = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        let (reader, writer) = try Self.feed(payload)
        let contents = StandardInput.readAll(from: reader.rawValue, timeoutMilliseconds: 5000)
        try reader.close()
        writer.wait()
        #expect(contents.bytes == payload)
        #expect(!contents.timedOut)
    }

    @Test func readsARegularFileAndOneOpenedMidway() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/payload.json"
        let payload = Array(#"{"hook_event_name":"Stop","x":"é"}"#.utf8)
        try AppendWriter.append(payload, to: path)
        for skip in [0, 5] {
            let descriptor = try FileDescriptor.open(path, .readOnly)
            defer { try? descriptor.close() }
            // Reading starts where the descriptor is, as a shell's `read` before the hook leaves it.
            try descriptor.seek(to: skip)
            let (bytes, outcome) = StandardInput.withAll(from: descriptor.rawValue) { (Array($0), $1) }
            #expect(bytes == Array(payload.dropFirst(skip)))
            #expect(outcome == StandardInput.Outcome())
        }
    }

    @Test func aFileTruncatedWhileTheHookHoldsItsBytesCannotKillIt() throws {
        // A mapped file truncated by someone else raises SIGBUS on the next access to the cut pages;
        // bytes that were read stay readable whatever happens to the file.
        let directory = ScratchDirectory()
        let path = directory.path + "/payload.json"
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: 256 << 10)
        try AppendWriter.append(payload, to: path)
        let descriptor = try FileDescriptor.open(path, .readWrite)
        defer { try? descriptor.close() }
        let sum = StandardInput.withAll(from: descriptor.rawValue) { bytes, _ in
            #expect((try? descriptor.truncate(to: 0)) != nil)
            return bytes.reduce(0) { $0 + Int($1) }
        }
        #expect(sum == payload.count * Int(UInt8(ascii: "x")))
    }

    @Test func keepsTheLimitAndCountsAndDrainsTheRest() throws {
        let payload = [UInt8](repeating: UInt8(ascii: "y"), count: 300_000)
        let (reader, writer) = try Self.feed(payload)
        // The writer only finishes if every byte is read: a hook that stopped at its limit would
        // leave Claude Code blocked on a full pipe, or killed by SIGPIPE.
        let contents = StandardInput.readAll(from: reader.rawValue, timeoutMilliseconds: 5000, limit: 1000)
        try reader.close()
        writer.wait()
        #expect(contents.bytes == Array(payload.prefix(1000)))
        #expect(contents.droppedBytes == 299_000)
        #expect(!contents.timedOut)
    }

    @Test(arguments: [
        (StandardInput.firstBufferSize - 1, StandardInput.defaultLimit),
        (StandardInput.firstBufferSize, StandardInput.defaultLimit),
        (StandardInput.firstBufferSize + 1, StandardInput.defaultLimit),
        (1 << 20, StandardInput.defaultLimit),
        (StandardInput.firstBufferSize + 1, StandardInput.firstBufferSize),
        (StandardInput.firstBufferSize, StandardInput.firstBufferSize - 1),
        (StandardInput.firstBufferSize + 10, StandardInput.firstBufferSize + 1),
        (1 << 20, (1 << 20) - 1),
        (5, 0),
    ])
    func keepsEveryByteUpToTheLimitOnEitherSideOfTheFirstBuffer(size: Int, limit: Int) throws {
        // Bytes that differ by position, so a chunk copied to the wrong place would show.
        let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let (reader, writer) = try Self.feed(payload)
        let (bytes, outcome) = StandardInput.withAll(
            from: reader.rawValue, timeoutMilliseconds: 5000, limit: limit
        ) { (Array($0), $1) }
        try reader.close()
        writer.wait()
        #expect(bytes == Array(payload.prefix(limit)))
        #expect(outcome == StandardInput.Outcome(droppedBytes: max(size - limit, 0)))
    }

    @Test func givesUpOnAWriterThatStopsPastTheFirstBuffer() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        let payload = [UInt8](repeating: UInt8(ascii: "z"), count: StandardInput.firstBufferSize + 100)
        // A thread writes, since a pipe holds less than the payload; the write end stays open.
        let writer = DispatchGroup()
        DispatchQueue.global().async(group: writer) { try? pipe.write.writeAll(payload) }
        let contents = StandardInput.readAll(from: pipe.read.rawValue, timeoutMilliseconds: 300)
        writer.wait()
        #expect(contents.timedOut)
        #expect(contents.bytes == payload)
    }

    @Test func givesUpOnAWriterThatNeverCloses() throws {
        let pipe = try FileDescriptor.pipe()
        defer {
            try? pipe.read.close()
            try? pipe.write.close()
        }
        try pipe.write.writeAll("{\"a\":")
        let contents = StandardInput.readAll(from: pipe.read.rawValue, timeoutMilliseconds: 200)
        #expect(contents.timedOut)
        #expect(contents.bytes == Array("{\"a\":".utf8))
    }
}
