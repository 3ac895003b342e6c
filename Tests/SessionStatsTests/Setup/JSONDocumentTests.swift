import SessionLogCore
import Testing

@testable import SessionStats

@Suite struct JSONDocumentTests {
    @Test func keepsMemberOrderAndRawNumbers() throws {
        let document = try JSONDocument(
            parsing: #"{"z": 1.50, "a": [1e3, -0, 2E-7], "m": {"y": true, "b": null}}"#)
        #expect(
            document
                == .object([
                    .init("z", .number("1.50")),
                    .init("a", .array([.number("1e3"), .number("-0"), .number("2E-7")])),
                    .init("m", .object([.init("y", .bool(true)), .init("b", .null)])),
                ]))
    }

    @Test func printsLikeClaudeCode() throws {
        let document = try JSONDocument(parsing: #"{"b":{"x":[1,{"y":false}],"e":{},"f":[]},"a":"t"}"#)
        let expected = """
            {
              "b": {
                "x": [
                  1,
                  {
                    "y": false
                  }
                ],
                "e": {},
                "f": []
              },
              "a": "t"
            }
            """
        #expect(document.jsonText == expected)
        #expect(
            String(decoding: document.jsonBytes(indent: 0), as: UTF8.self)
                == #"{"b":{"x":[1,{"y":false}],"e":{},"f":[]},"a":"t"}"#)
    }

    @Test(arguments: [
        #"{"k": "plain"}"#,
        #"{"é": "naïve ☕ 日本 🎉", "q": "say \"hi\"\\ \n\t\r\b\f \u0001 \/"}"#,
        #"{"s": "\ud83c\udf89 \u00e9"}"#,
        #"[1, 2.5, -3e10, 0.000, {"a": [[], {}]}, null, true, false, ""]"#,
        #"{"dup": 1, "dup": 2}"#,
        "\u{FEFF}  {\"bom\": 1}  \n",
        #""just a string""#,
        "12",
    ])
    func roundTrips(text: String) throws {
        let document = try JSONDocument(parsing: text)
        let printed = document.jsonBytes()
        let again = try JSONDocument(parsing: printed)
        #expect(again == document)
        #expect(again.jsonBytes() == printed)
        #expect(try JSONDocument(parsing: document.jsonBytes(indent: 0)) == document)
    }

    @Test func decodesEscapesAndUnicode() throws {
        let document = try JSONDocument(parsing: #"{"s": "a\"b\\c\nd\u00e9\ud83c\udf89日"}"#)
        #expect(document["s"] == .string("a\"b\\c\nd\u{E9}\u{1F389}日"))
        // Printing keeps non-ASCII text as is and escapes only what JSON requires.
        #expect(document.jsonText == "{\n  \"s\": \"a\\\"b\\\\c\\nd\u{E9}\u{1F389}日\"\n}")
    }

    @Test func duplicateKeysAreKeptAndTheLastIsRead() throws {
        var document = try JSONDocument(parsing: #"{"a": 1, "b": 2, "a": 3}"#)
        #expect(document["a"] == .number("3"))
        document["a"] = .number("4")
        #expect(document.jsonBytes(indent: 0) == Array(#"{"a":1,"b":2,"a":4}"#.utf8))
        document["a"] = nil
        #expect(document == .object([.init("b", .number("2"))]))
        document["c"] = .string("new")
        #expect(document.members?.map(\.key) == ["b", "c"])
    }

    @Test(arguments: [
        ("", "truncated JSON at byte 0"),
        ("{", "truncated JSON at byte 1"),
        (#"{"a": 1,}"#, "unexpected '}' at byte 8"),
        (#"{"a" 1}"#, "unexpected '1' at byte 5"),
        ("[1 2]", "unexpected '2' at byte 3"),
        ("[1,]", "unexpected ']' at byte 3"),
        ("{} {}", "unexpected data after the value at byte 3"),
        ("// comment\n{}", "unexpected '/' at byte 0"),
        ("01", "unexpected data after the value at byte 1"),
        ("nul", "truncated JSON at byte 3"),
        ("[\"tab\there\"]", "unexpected byte 0x9 at byte 5"),
    ])
    func rejectsInvalidJSON(text: String, message: String) {
        #expect(throws: JSONDocumentError.self) { try JSONDocument(parsing: text) }
        do {
            _ = try JSONDocument(parsing: text)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func limitsNestingDepth() throws {
        let deepest =
            String(repeating: "[", count: JSONDocument.maximumDepth)
            + String(repeating: "]", count: JSONDocument.maximumDepth)
        _ = try JSONDocument(parsing: deepest)
        let tooDeep =
            String(repeating: "{\"a\":", count: JSONDocument.maximumDepth) + "[]"
            + String(repeating: "}", count: JSONDocument.maximumDepth)
        #expect(throws: JSONDocumentError.tooDeep(at: JSONDocument.maximumDepth * 5)) {
            try JSONDocument(parsing: tooDeep)
        }
    }
}
