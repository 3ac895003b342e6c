import Testing

@testable import SessionLogCore

@Suite struct JSONWriterTests {
    @Test func writesCompactObjectsWithEscapes() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("s", "quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} é")
        writer.field("n", -1205)
        writer.field("b", false)
        writer.field("skipped", nil as String?)
        writer.field("empty", "")
        writer.key("list")
        writer.beginArray()
        writer.integer(0)
        writer.null()
        writer.endArray()
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(
            text
                == #"{"s":"quote \" backslash \\ newline \n tab \t bell \u0007 nul \u0000 é","n":-1205,"b":false,"list":[0,null]}"#
        )
    }

    @Test func indentsNestedContainers() {
        var writer = JSONWriter(indent: 2)
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.endArray()
        writer.key("b")
        writer.beginObject()
        writer.field("c", 1)
        writer.endObject()
        writer.endObject()
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == "{\n  \"a\": [],\n  \"b\": {\n    \"c\": 1\n  }\n}")
    }

    @Test(arguments: ["plain", "\u{FFFD}", "😀 ∑", "\u{1F}\u{7F}", String(repeating: "ab\"", count: 1000)])
    func roundTripsThroughTheScanner(text: String) throws {
        var writer = JSONWriter()
        writer.string(text)
        let decoded = try writer.bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            return scanner.decode(try scanner.scanString())
        }
        #expect(decoded == text)
    }

    @Test func copiesKeepTheirOwnText() {
        var first = JSONWriter(capacity: 1)
        first.beginArray()
        first.integer(1)
        var second = first
        second.integer(2)
        first.string(String(repeating: "x", count: 100))
        first.endArray()
        second.endArray()
        let long = String(repeating: "x", count: 100)
        #expect(String(decoding: first.bytes, as: UTF8.self) == "[1,\"" + long + "\"]")
        #expect(String(decoding: second.bytes, as: UTF8.self) == "[1,2]")
    }

    @Test func endsALineAndLendsItsBytes() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("on", true)
        writer.endObject()
        writer.endLine()
        #expect(writer.withBytes { Array($0) } == Array("{\"on\":true}\n".utf8))
    }

    @Test(arguments: [0, 7, -7, 1_234_567_890, Int.max, Int.min])
    func writesIntegers(value: Int) {
        var bytes: [UInt8] = []
        JSONWriter.appendDecimal(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }
}
