import Testing

@testable import SessionLogCore

/// `nextPlainKey` finds the same keys, values and errors as `nextKey`, however the keys are written.
@Suite struct JSONScannerPlainKeysTests {
    /// The keys of the object `text`, each value skipped, or the error that stopped reading.
    static func keys(_ text: String, plain: Bool) -> String {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            var found: [String] = []
            do throws(JSONScanError) {
                var cursor = try scanner.enterObject()
                while let key = try plain ? scanner.nextPlainKey(&cursor) : scanner.nextKey(&cursor) {
                    found.append(scanner.decode(key) + (key.hasEscapes ? "(escaped)" : ""))
                    try scanner.skipValue()
                }
                return found.joined(separator: ",") + " end \(scanner.offset)"
            } catch {
                return found.joined(separator: ",") + " error \(error)"
            }
        }
    }

    @Test(arguments: [
        #"{"v":1,"timestamp":"2026-12-01T00:00:00Z","tokens":{"input":1}}"#,
        #"{}"#, #"{ }"#, #"{ "a" : 1 , "b":2 }"#, "{\"a\":1,\n\"b\":2}", #"{"a\"b":1,"c":2}"#,
        #"{"caf\u00e9":1}"#, "{\"café\":1}", "{\"a\u{1}b\":1}", #"{"a" 1}"#, #"{"a":1 "b":2}"#,
        #"{"transcript_path":1,"duration_ms":2,"abcdefgh":3}"#, #"{"abcdefghij\"k":1}"#,
        "{\"abcdefghi\u{1}jk\":1}", "{\"abcdefghiéjk\":1}", "{\"abcdefghijklmnop\u{7f}\":1}",
        #"{"a":1,}"#, #"{"a":1,"b"#, #"{"a":1,"#, #"{"a"#, #"{"":1}"#, #"{"a":1}}"#,
    ])
    func plainKeysReadLikeKeys(text: String) {
        #expect(Self.keys(text, plain: true) == Self.keys(text, plain: false))
    }
}
