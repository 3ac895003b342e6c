import Foundation
import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// `AttributionRollupReader` streams `attribution-rollup.jsonl`: rows reach the closure one at a
/// time in file order, whatever the chunk size, and bad lines are skipped and counted where they are.
@Suite struct AttributionRollupReaderTests {
    /// `count` rows, two sessions a day, each with `keys` call keys (a line of about 19 bytes a key).
    static func rows(_ count: Int, keys: Int) -> [AttributionRollupRow] {
        (0..<count).map { index in
            var row = AttributionRollupRow(
                day: CivilDate("2026-11-01")!.adding(days: index / 2), sessionID: "s-\(index % 2)")
            row.requests = index + 1
            row.project = "p"
            row.toolKeys["Read"] = (0..<keys).map { UInt64(index * keys + $0) }
            var group = RollupGroup(group: AttributionReport.CallGroup(name: "Read"))
            group.group.calls = keys
            group.costs = Array(repeating: 7, count: keys)
            row.byTool["Read"] = group
            return row
        }
    }

    /// A roll-up's lines: header, `rows` in the order given (not sorted), two bad lines (no row,
    /// no JSON) after the row at `badAfter`, then the sample's open part.
    static func file(_ rows: [AttributionRollupRow], badAfter: Int) -> [UInt8] {
        let sample = AttributionRollupTests.sample.rollup
        var bytes: [UInt8] = []
        sample.appendHeader(to: &bytes)
        for (index, row) in rows.enumerated() {
            row.append(to: &bytes)
            if index == badAfter { bytes += Array("{\"day\":\"2026-11-19\"}\nnot json\n".utf8) }
        }
        sample.appendOpenPart(to: &bytes)
        return bytes
    }

    static func read(_ directory: String, chunk: Int) -> (
        Result<AttributionRollup?, RotationError>, [String], Int
    ) {
        var reader = AttributionRollupReader()
        reader.chunkSize = chunk
        var seen: [String] = []
        let result = reader.read(directory: directory) {
            seen.append("\($0.day) \($0.sessionID) \($0.requests)")
        }
        return (result, seen, reader.skipped)
    }

    /// Chunks of 1 byte, 7 bytes, shorter than a row line (every line spans chunks), and longer than
    /// the file; rows written in reverse order come in that order.
    @Test(arguments: [1, 7, 300, 1 << 20])
    func rowsComeOneByOneInFileOrderAndBadLinesAreSkippedWhereTheyAre(chunk: Int) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let rows = Array(Self.rows(40, keys: 50).reversed())
        #expect(rows.allSatisfy { $0.document.jsonBytes(indent: 0).count > 900 })
        let bytes = Self.file(rows, badAfter: 19)
        #expect(bytes.count > 40 * 900)
        scratch.write(bytes, to: AttributionRollup.fileName)
        let (result, seen, skipped) = Self.read(scratch.path, chunk: chunk)
        let rollup = try #require(try result.get())
        #expect(seen == rows.map { "\($0.day) \($0.sessionID) \($0.requests)" })
        #expect(skipped == 2)
        #expect(rollup.openRequests.count == 1 && rollup.openCalls.count == 1 && rollup.openTags.count == 1)
        #expect(rollup.sequence == 7 && rollup.agentTypes == ["a-7": "Explore"])
    }

    /// The rows read back write the same bytes, keys and call costs included.
    @Test func rowsReadInSmallChunksWriteTheSameBytes() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let rows = Self.rows(9, keys: 300)
        let sample = AttributionRollupTests.sample.rollup
        let bytes = sample.bytes(rows: rows)
        scratch.write(bytes, to: AttributionRollup.fileName)
        var reader = AttributionRollupReader()
        reader.chunkSize = 64
        var read: [AttributionRollupRow] = []
        let rollup = try #require(try reader.read(directory: scratch.path) { read.append($0) }.get())
        #expect(rollup.bytes(rows: read) == bytes)
    }

    /// Empty lines are no lines; a first line that is no header hands on no row; no file is no
    /// roll-up.
    @Test func aMissingHeaderHandsOnNoRowAndIsAnError() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        var bytes = Self.file(Self.rows(4, keys: 2), badAfter: -1)
        bytes.insert(contentsOf: Array("\n\n".utf8), at: 0)
        scratch.write(bytes, to: AttributionRollup.fileName)
        #expect(Self.read(scratch.path, chunk: 5).1.count == 4)
        var headless: [UInt8] = []
        for row in Self.rows(4, keys: 2) { row.append(to: &headless) }
        scratch.write(headless, to: AttributionRollup.fileName)
        let (result, seen, _) = Self.read(scratch.path, chunk: 5)
        #expect(seen.isEmpty)
        guard case .failure(.unreadable(_, let reason)) = result else {
            Issue.record("\(result)")
            return
        }
        #expect(reason == "no attribution roll-up header")
        try FileManager.default.removeItem(atPath: scratch.file(AttributionRollup.fileName))
        guard case .success(nil) = Self.read(scratch.path, chunk: 5).0 else {
            Issue.record("a missing file is no roll-up")
            return
        }
    }

    /// The file is opened without following a symbolic link.
    @Test func aLinkIsRefused() throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        let target = scratch.write(Self.file(Self.rows(2, keys: 1), badAfter: -1), to: "elsewhere.jsonl")
        scratch.makeDirectory("logs")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.file("logs/" + AttributionRollup.fileName), withDestinationPath: target)
        let (result, seen, _) = Self.read(scratch.file("logs"), chunk: 1 << 16)
        #expect(seen.isEmpty)
        guard case .failure(.access(.refused(_, .symbolicLink))) = result else {
            Issue.record("\(result)")
            return
        }
    }
}
