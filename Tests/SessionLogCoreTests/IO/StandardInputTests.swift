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

    @Test func mapsARegularFileAndReadsOneOpenedMidway() throws {
        let directory = ScratchDirectory()
        let path = directory.path + "/payload.json"
        let payload = Array(#"{"hook_event_name":"Stop","x":"é"}"#.utf8)
        try AppendWriter.append(payload, to: path)
        for skip in [0, 5] {
            let descriptor = open(path, O_RDONLY)
            #expect(descriptor >= 0)
            defer { close(descriptor) }
            // An offset other than 0 cannot be mapped: the bytes after it are read instead.
            #expect(lseek(descriptor, off_t(skip), SEEK_SET) == off_t(skip))
            let (bytes, timedOut, readError) = StandardInput.withAll(from: descriptor) { (Array($0), $1, $2) }
            #expect(bytes == Array(payload.dropFirst(skip)))
            #expect(!timedOut)
            #expect(readError == nil)
        }
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
