import Foundation
import Testing

@testable import SessionLogCore

@Suite struct JSONScannerTests {
    /// Runs `body` with a scanner over the UTF-8 bytes of `text`.
    func scan<T>(_ text: String, _ body: (inout JSONScanner) throws -> T) rethrows -> T {
        try scan(Array(text.utf8), body)
    }

    func scan<T>(_ bytes: [UInt8], _ body: (inout JSONScanner) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            return try body(&scanner)
        }
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""a\"b\\c\/d""#, "a\"b\\c/d"),
        (#""\b\f\n\r\t""#, "\u{8}\u{c}\n\r\t"),
        (#""caf\u00e9 \u4e2d""#, "café 中"),
        (#""\ud83d\ude00""#, "😀"),
        (#""lone \ud800 high""#, "lone \u{FFFD} high"),
        (#""lone \udc00 low""#, "lone \u{FFFD} low"),
        (#""\ud800\u0041""#, "\u{FFFD}A"),
        (#""nul \u0000 byte""#, "nul \u{0} byte"),
        ("\"déjà vu ✓\"", "déjà vu ✓"),
    ])
    func decodesStrings(json: String, expected: String) throws {
        let decoded = try scan(json) { scanner in scanner.decode(try scanner.scanString()) }
        #expect(decoded == expected)
        let count = try scan(json) { try $0.scanString().characters }
        #expect(count == expected.unicodeScalars.count)
    }

    @Test func invalidUTF8BecomesReplacementCharactersCountedAsDecoded() throws {
        // Random byte strings, checked against the standard library's own repair.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<12, using: &generator)
            let body = (0..<length).map { _ in
                let byte = UInt8.random(in: 0...255, using: &generator)
                return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 ? 0xC3 : byte
            }
            let json = [UInt8(ascii: "\"")] + body + [UInt8(ascii: "\"")]
            let token = try scan(json) { try $0.scanString() }
            let decoded = scan(json) { $0.decode(token) }
            let expected = String(decoding: body, as: UTF8.self)
            #expect(decoded == expected, "bytes \(body)")
            #expect(token.characters == expected.unicodeScalars.count, "bytes \(body)")
        }
    }

    @Test func countsWellFormedTextTheSameWhenTheCallerVouchesForIt() throws {
        // The hook checks the whole payload once and then counts continuation bytes eight at a time.
        let pieces = ["a", "bc", " ", "é", "中", "😀", "\\n", "\\\"", "\\\\", "\\u00e9", "\\/", "\\t"]
        let decodedPieces = ["a", "bc", " ", "é", "中", "😀", "\n", "\"", "\\", "é", "/", "\t"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1000 {
            let picks = (0..<Int.random(in: 0..<40, using: &generator)).map { _ in
                Int.random(in: 0..<pieces.count, using: &generator)
            }
            let json = "\"" + picks.map { pieces[$0] }.joined() + "\""
            let expected = picks.map { decodedPieces[$0] }.joined()
            let bytes = Array(json.utf8)
            let (checked, vouched, valid) = try bytes.withUnsafeBufferPointer { buffer in
                var plain = JSONScanner(buffer)
                var fast = JSONScanner(buffer)
                fast.knownValidUTF8 = true
                return (try plain.scanString(), try fast.scanString(), UTF8Sequence.isValid(buffer))
            }
            #expect(valid)
            #expect(checked == vouched, "\(json)")
            #expect(vouched.characters == expected.unicodeScalars.count, "\(json)")
        }
    }

    @Test func validatesUTF8AsTheStandardLibraryDoes() {
        var generator = SystemRandomNumberGenerator()
        let samples: [UInt8] = [
            0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xC0, 0xE0, 0xA0, 0xED, 0x9F, 0xF0, 0x90, 0xF4, 0x8F, 0xFF,
        ]
        for _ in 0..<5000 {
            let bytes = (0..<Int.random(in: 0..<20, using: &generator)).map { _ in
                samples.randomElement(using: &generator)!
            }
            let valid = bytes.withUnsafeBufferPointer { UTF8Sequence.isValid($0) }
            #expect(valid == (String(validating: bytes, as: UTF8.self) != nil), "bytes \(bytes)")
        }
    }

    /// ASCII runs are checked 32 and 8 bytes at a time: a sequence at every offset of every length
    /// up to three strides, and buffers that end exactly on a stride.
    @Test(arguments: [[0xC3, 0xA9], [0xE2, 0x86, 0x92], [0xFF], [0xE2, 0x86], [0xC3]] as [[UInt8]])
    func validatesASequenceAtEveryOffsetOfTheStrides(sequence: [UInt8]) {
        for length in 0...96 {
            let ascii = [UInt8](repeating: 0x61, count: length)
            #expect(ascii.withUnsafeBufferPointer { UTF8Sequence.isValid($0) })
            for offset in 0...length {
                let bytes = Array(ascii[..<offset]) + sequence + Array(ascii[offset...])
                let valid = bytes.withUnsafeBufferPointer { UTF8Sequence.isValid($0) }
                #expect(valid == (String(validating: bytes, as: UTF8.self) != nil), "offset \(offset)")
            }
        }
    }

    @Test(arguments: [("\\\"", "\""), ("\\\\", "\\"), ("\\n", "\n"), ("é", "é"), ("😀", "😀")])
    func findsASpecialCharacterInEveryLaneOfTheWordLoop(raw: String, decoded: String) throws {
        // The fast loop reads eight bytes at a time: put the character at every offset across three words.
        for position in 0..<24 {
            let prefix = String(repeating: "a", count: position)
            let suffix = String(repeating: "b", count: 30 - position)
            let json = "\"" + prefix + raw + suffix + "\""
            let expected = prefix + decoded + suffix
            let token = try scan(json) { try $0.scanString() }
            #expect(scan(json) { $0.decode(token) } == expected)
            #expect(token.characters == expected.unicodeScalars.count)
            #expect(token.end == json.utf8.count - 1)
        }
    }

    /// Runs of escapes, as in JSON text held in a string, counted inside the word loop or out of it.
    @Test(arguments: [
        (#"\\\\n"#, "\\\\n", 2), (#"\/\/x"#, "//x", 0), (#"\"\t\u00e9\r"#, "\"\t\u{e9}\r", 3),
        (#"\\\"é\b\f"#, "\\\"é\u{8}\u{c}", 4), (#"\u0001\n"#, "\u{1}\n", 6),
        (#"é\"日\\"#, "é\"日\\", 2), (#"😀\/ü"#, "😀/ü", 0),
    ])
    func countsRunsOfEscapesAtEveryOffset(raw: String, decoded: String, extra: Int) throws {
        for position in 0..<17 {
            let prefix = String(repeating: "a", count: position)
            let json = "\"" + prefix + raw + raw + "tail\""
            let expected = prefix + decoded + decoded + "tail"
            let token = try scan(json) { try $0.scanString() }
            #expect(scan(json) { $0.decode(token) } == expected)
            #expect(token.characters == expected.unicodeScalars.count)
            #expect(token.escapedExtra == 2 * extra)
            #expect(token.end == json.utf8.count - 1)
        }
    }

    @Test(arguments: [
        ("{}", 2), ("[]", 2), ("[1,2]", 5), (#"{"a" : [ true , null ]}"#, 17),
        (#"{"k":"a\nb"}"#, 12), (#"{"k":"\u00e9"}"#, 9), (#"{"k":"\u0001"}"#, 14),
        (#"{"k":"\/"}"#, 9), ("-12.5e+3", 8), ("\"x\"", 3),
    ])
    func skipValueCountsCompactCharacters(json: String, expected: Int) throws {
        #expect(try scan(json) { try $0.skipValue() } == expected)
    }

    @Test func compactCountMatchesFoundationSerialization() throws {
        let values: [Any] = [
            ["a": 1, "b": [true, false, NSNull()], "c": "multi\nline \"quoted\" ünïcödé 😀"],
            [["nested": ["deeper": ["x", "y", 3]]]],
            ["tab\there": "back\\slash", "ctl": "\u{1}\u{1f}"],
        ]
        for value in values {
            let data = try JSONSerialization.data(withJSONObject: value, options: [.withoutEscapingSlashes])
            let text = String(decoding: data, as: UTF8.self)
            let pretty = String(
                decoding: try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted]),
                as: UTF8.self)
            #expect(try scan(pretty) { try $0.skipValue() } == text.unicodeScalars.count, "\(text)")
        }
    }

    @Test(arguments: [
        "", "{", #"{"a""#, #"{"a":"#, #"{"a":1"#, #"{"a":1,}"#, "[1,]", "[1 2]", #"{"a" 1}"#,
        #"{1:2}"#, "tru", "nul", "[01]", "1.", "-", "1e", "\"abc", "\"a\nb\"", #""\x""#, #""\u12g4""#,
        "{]", "[}", "@",
    ])
    func rejectsMalformedJSON(json: String) {
        #expect(throws: JSONScanError.self) { try scan(json) { try $0.skipValue() } }
    }

    @Test func reportsWhereItStopped() {
        #expect(throws: JSONScanError.unexpectedEnd(at: 6)) { try scan(#"{"a":1"#) { try $0.skipValue() } }
        #expect(throws: JSONScanError.unexpectedByte(UInt8(ascii: "}"), at: 7)) {
            try scan(#"{"a":1,}"#) { try $0.skipValue() }
        }
    }

    @Test func skipsDeepNestingWithoutRecursion() throws {
        let depth = 100_000
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(try scan(json) { try $0.skipValue() } == 2 * depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(try scan(objects) { try $0.skipValue() } == objects.utf8.count)
        let unclosed = String(repeating: "[", count: depth)
        #expect(throws: JSONScanError.unexpectedEnd(at: depth)) { try scan(unclosed) { try $0.skipValue() } }
    }

    /// Objects and arrays alternate across the 64 levels kept in one word and the deeper ones, so a
    /// closing bracket must match its own container's kind at every depth.
    @Test(arguments: [63, 64, 65, 130])
    func matchesEachCloserToItsContainerAtAnyDepth(depth: Int) throws {
        let opens = (0..<depth).map { $0 % 3 == 0 ? #"{"k":"# : "[1," }.joined()
        let closes = (0..<depth).reversed().map { $0 % 3 == 0 ? "}" : "]" }.joined()
        let json = opens + "2" + closes
        #expect(try scan(json) { try $0.skipValue() } == json.utf8.count)
        let swapped = opens + "2" + String(closes.reversed())
        if closes != String(closes.reversed()) {
            #expect(throws: JSONScanError.self) { try scan(swapped) { try $0.skipValue() } }
        }
    }

    @Test func walksObjectMembersAndCountsThem() throws {
        let json = #"{ "name" : "x", "n": 42, "list": [1, 2], "flag": true }"#
        let (keys, count) = try scan(json) { scanner in
            var cursor = try scanner.enterObject()
            var keys: [String] = []
            while let key = try scanner.nextKey(&cursor) {
                keys.append(scanner.decode(key))
                cursor.compactCharacters += try scanner.skipValue()
            }
            return (keys, cursor.compactCharacters)
        }
        #expect(keys == ["name", "n", "list", "flag"])
        #expect(count == #"{"name":"x","n":42,"list":[1,2],"flag":true}"#.count)
    }

    @Test(arguments: [
        ("42", 42), ("-7", -7), ("3.99", 3), ("0", 0), ("1e3", nil), ("99999999999999999999", nil),
    ])
    func parsesIntegers(json: String, expected: Int?) throws {
        #expect(try scan(json) { try $0.scanInteger() } == expected)
    }

    @Test func optionalReadersSkipOtherTypes() throws {
        #expect(try scan(#"{"x":1}"#) { try $0.scanOptionalString() } == nil)
        #expect(try scan("\"s\"") { try $0.scanInteger() } == nil)
        #expect(try scan("[true]") { try $0.scanOptionalBool() } == nil)
        #expect(try scan("false") { try $0.scanOptionalBool() } == false)
    }

    @Test func skipsByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{}".utf8)
        let count = try scan(bytes) { scanner in
            scanner.skipByteOrderMark()
            return try scanner.skipValue()
        }
        #expect(count == 2)
    }
}
