@preconcurrency import Glibc
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
