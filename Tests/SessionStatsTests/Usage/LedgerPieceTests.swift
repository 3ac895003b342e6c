import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// A file's pieces hold each of its lines once, in order, wherever the piece boundaries fall.
@Suite struct LedgerPieceTests {
    @Test(arguments: [1, 2, 3, 7, 10, 11, 64, 1000])
    func piecesHoldEveryLineOnce(size: Int) throws {
        let scratch = ScratchDirectory()
        defer { scratch.remove() }
        _ = scratch.makeDirectory("logs")
        // Lines of many lengths, a blank line, and no newline at the end.
        let text =
            "a\nbb\n\nccc\n" + (1...20).map { String(repeating: "x", count: $0) }.joined(separator: "\n")
        _ = scratch.write(text, to: "logs/usage-2026-01-01.jsonl", mode: 0o600)
        let ledger = UsageLedger(directory: scratch.file("logs"))
        let name = LogFileName.usage(CivilDate("2026-01-01")!)
        let pieces = LedgerPiece.pieces(sizes: [text.utf8.count], size: size)
        #expect(pieces.count == max((text.utf8.count + size - 1) / size, 1))
        var lines: [String] = []
        var buffer: [UInt8] = []
        for piece in pieces {
            let range = piece.read(ledger, name, into: &buffer)
            var bytes = Array(buffer[range])
            if bytes.isEmpty { continue }
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            lines += bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(lines == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
