import Dispatch
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

@Suite struct FileAccessTests {
    // One thread fails, another fails differently before the first reads why: each must read its own.
    @Test func eachThreadReadsItsOwnError() throws {
        let directory = ScratchDirectory()
        let file = directory.path + "/file"
        let descriptor = try #require(FileAccess.openOwned(file, append: true))
        FileAccess.close(descriptor)
        let missing = directory.path + "/missing"
        let underFile = file + "/inside"
        let firstFailed = DispatchSemaphore(value: 0)
        let secondFailed = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        nonisolated(unsafe) var seen: (first: Int32, second: Int32) = (0, 0)
        DispatchQueue.global().async(group: group) {
            _ = FileAccess.openForReading(missing)
            firstFailed.signal()
            secondFailed.wait()
            seen.first = FileAccess.lastError
        }
        DispatchQueue.global().async(group: group) {
            firstFailed.wait()
            _ = FileAccess.openForReading(underFile)
            seen.second = FileAccess.lastError
            secondFailed.signal()
        }
        group.wait()
        #expect(seen.first == Errno.noSuchFile.code)
        #expect(seen.second == Errno.notDirectory.code)
    }
}
