@preconcurrency import Glibc
import TestSupport
import Testing

@testable import SessionLogCore

@Suite struct StandardInputTests {
    @Test func readsAPipeToTheEnd() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let payload = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        let writer = Thread { fd in
            var offset = 0
            while offset < payload.count {
                let n = payload[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
            close(fd)
        }
        writer.start(fds[1])
        let contents = StandardInput.readAll(from: fds[0], timeoutMilliseconds: 5000)
        close(fds[0])
        writer.join()
        #expect(contents.bytes == payload)
        #expect(!contents.timedOut)
    }

    @Test func readsARegularFileAndOneOpenedMidway() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/payload.json"
        let payload = Array(#"{"hook_event_name":"Stop","x":"é"}"#.utf8)
        try AppendWriter.append(payload, to: path)
        for skip in [0, 5] {
            let descriptor = open(path, O_RDONLY)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            // Reading starts where the descriptor is, as a shell's `read` before the hook leaves it.
            #expect(lseek(descriptor, off_t(skip), SEEK_SET) == off_t(skip))
            let (bytes, outcome) = StandardInput.withAll(from: descriptor) { (Array($0), $1) }
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
        let descriptor = open(path, O_RDWR)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let sum = StandardInput.withAll(from: descriptor) { bytes, _ in
            #expect(ftruncate(descriptor, 0) == 0)
            return bytes.reduce(0) { $0 + Int($1) }
        }
        #expect(sum == payload.count * Int(UInt8(ascii: "x")))
    }

    @Test func keepsTheLimitAndCountsAndDrainsTheRest() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let payload = [UInt8](repeating: UInt8(ascii: "y"), count: 300_000)
        let writer = Thread { fd in
            var offset = 0
            while offset < payload.count {
                let n = payload[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                offset += n
            }
            close(fd)
        }
        writer.start(fds[1])
        // The writer only finishes if every byte is read: a hook that stopped at its limit would
        // leave Claude Code blocked on a full pipe, or killed by SIGPIPE.
        let contents = StandardInput.readAll(from: fds[0], timeoutMilliseconds: 5000, limit: 1000)
        close(fds[0])
        writer.join()
        #expect(contents.bytes == Array(payload.prefix(1000)))
        #expect(contents.droppedBytes == 299_000)
        #expect(!contents.timedOut)
    }

    @Test func givesUpOnAWriterThatNeverCloses() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        _ = Array("{\"a\":".utf8).withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        let contents = StandardInput.readAll(from: fds[0], timeoutMilliseconds: 200)
        #expect(contents.timedOut)
        #expect(contents.bytes == Array("{\"a\":".utf8))
        close(fds[0])
        close(fds[1])
    }
}

/// A minimal joinable thread, so the test needs neither Foundation nor Dispatch.
final class Thread: @unchecked Sendable {
    private var handle = pthread_t()
    private let body: (Int32) -> Void
    private var argument: Int32 = 0

    init(_ body: @escaping (Int32) -> Void) { self.body = body }

    func start(_ argument: Int32) {
        self.argument = argument
        let unmanaged = Unmanaged.passRetained(self)
        pthread_create(
            &handle, nil,
            { raw in
                let thread = Unmanaged<Thread>.fromOpaque(raw!).takeRetainedValue()
                thread.body(thread.argument)
                return nil
            }, unmanaged.toOpaque())
    }

    func join() { pthread_join(handle, nil) }
}
