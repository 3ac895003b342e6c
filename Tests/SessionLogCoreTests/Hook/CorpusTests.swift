import Foundation
import TestSupport
import Testing

@testable import SessionLogCore

/// Real payloads from ../shared/fixtures: a representative set here, all of them in scripts/check-corpus.sh.
@Suite struct CorpusTests {
    static let selected = SharedFixtures.lines("hook-payloads/selected.jsonl") ?? []
    static let corpus = SharedFixtures.lines("hook-payloads/corpus.jsonl") ?? []

    /// Every selected payload, every 25th corpus payload and the 20 largest.
    static let representative: [[UInt8]] = {
        let largest = corpus.sorted { $0.count > $1.count }.prefix(20)
        return selected + corpus.enumerated().filter { $0.offset % 25 == 0 }.map(\.element) + largest
    }()

    @Test(.enabled(if: !representative.isEmpty, "../shared/fixtures/hook-payloads is absent"))
    func everyPayloadGivesTheDocumentedLine() throws {
        var tokenChecks = 0
        for payloadBytes in CorpusTests.representative {
            let payload = payloadBytes.withUnsafeBufferPointer { HookPayload.parse($0) }
            let record = LogRecord(
                payload: payload, environment: HookEnvironment(logDirectory: "/tmp"),
                timestamp: Timestamp(milliseconds: 0), inputBytes: payloadBytes.count)
            let line = record.jsonLine
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
            let written = try #require(jsonObject(String(decoding: line, as: UTF8.self)))
            // Foundation rejects lone surrogates, which real payloads carry; scripts/check-corpus.sh covers those.
            guard let input = (try? JSONSerialization.jsonObject(with: Data(payloadBytes))) as? [String: Any]
            else {
                continue
            }
            let event = input["hook_event_name"] as? String
            #expect(written["event"] as? String == event)
            #expect(written["session_id"] as? String == input["session_id"] as? String)
            #expect(written["tool"] as? String == input["tool_name"] as? String)
            #expect(written["cwd"] as? String == input["cwd"] as? String)
            let toolInput = input["tool_input"] as? [String: Any]
            #expect(
                written["file"] as? String == (toolInput?["file_path"] ?? toolInput?["notebook_path"])
                    as? String)
            if let command = toolInput?["command"] as? String,
                ["Bash", "PowerShell"].contains(input["tool_name"] as? String)
            {
                let logged = try #require(written["command"] as? String)
                #expect(logged.count <= 500)
                let mark = TextClipping.clipMark(originalBytes: command.utf8.count)
                let kept = logged.hasSuffix(mark) ? String(logged.dropLast(mark.count)) : logged
                #expect(logged.hasSuffix(mark) == (command.count > 500))
                if Redactor.redact(command) == command { #expect(command.hasPrefix(kept)) }
            }
            let tokens = try #require(written["tokens"] as? [String: Int])
            #expect(tokens["total"] == (tokens["input"] ?? -1) + (tokens["output"] ?? -1))
            // Foundation turns numbers into Doubles and back; only payloads without fractions can be recounted.
            let (inValue, outValue): (Any?, Any?) =
                switch event {
                case "PostToolUse": (input["tool_input"], IndependentCount.response(input["tool_response"]))
                case "PostToolUseFailure": (input["tool_input"], input["error"])
                case "UserPromptSubmit": (input["prompt"], nil)
                default: (nil, nil)
                }
            if let expectedIn = IndependentCount.tokens(inValue),
                let expectedOut = IndependentCount.tokens(outValue)
            {
                #expect(
                    tokens["input"] == expectedIn,
                    "\(String(decoding: payloadBytes.prefix(200), as: UTF8.self))")
                #expect(
                    tokens["output"] == expectedOut,
                    "\(String(decoding: payloadBytes.prefix(200), as: UTF8.self))")
                tokenChecks += 1
            }
        }
        #expect(tokenChecks > CorpusTests.representative.count / 2)
    }
}

/// Counts characters of compact JSON from Foundation's objects, independently of the scanner.
enum IndependentCount {
    /// A `tool_response` as the output estimate counts it: an object loses the members the model never reads.
    static func response(_ value: Any?) -> Any? {
        guard var object = value as? [String: Any] else { return value }
        for key in ["originalFile", "originalFileContents", "structuredPatch"] { object[key] = nil }
        return object
    }

    static func tokens(_ value: Any?) -> Int? {
        guard let value else { return 0 }
        if let string = value as? String { return (string.unicodeScalars.count + 3) / 4 }
        return compact(value).map { ($0 + 3) / 4 }
    }

    static func compact(_ value: Any) -> Int? {
        switch value {
        case let string as String:
            return 2
                + string.unicodeScalars.reduce(0) { total, scalar in
                    switch scalar.value {
                    case 0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09: total + 2
                    case 0..<0x20: total + 6
                    default: total + 1
                    }
                }
        case let array as [Any]:
            var total = 2 + max(array.count - 1, 0)
            for element in array {
                guard let count = compact(element) else { return nil }
                total += count
            }
            return total
        case let object as [String: Any]:
            var total = 2 + max(object.count - 1, 0)
            for (key, element) in object {
                guard let count = compact(element), let keyCount = compact(key) else { return nil }
                total += keyCount + 1 + count
            }
            return total
        case is NSNull:
            return 4
        case let number as NSNumber:
            // Foundation on Linux gives booleans as NSNumbers of type "c".
            if String(cString: number.objCType) == "c" { return number.boolValue ? 4 : 5 }
            let double = number.doubleValue
            guard double == double.rounded(), abs(double) < 1e15 else { return nil }
            return String(Int(double)).count
        default:
            return nil
        }
    }
}
