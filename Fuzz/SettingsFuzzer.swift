// libFuzzer harness: the settings editor's JSONDocument parses any bytes or refuses them cleanly,
// and what it prints parses back to the same document, printed the same. Built by scripts/fuzz.sh.
import SessionStats

@_cdecl("LLVMFuzzerTestOneInput")
public func settingsFuzzer(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let document = try? JSONDocument(parsing: bytes) else { return 0 }
    let printed = document.jsonBytes()
    guard let again = try? JSONDocument(parsing: printed) else {
        preconditionFailure("printed settings do not parse: \(String(decoding: printed, as: UTF8.self))")
    }
    precondition(again == document, "round trip changed the document")
    precondition(again.jsonBytes() == printed, "printing is not stable")
    return 0
}
