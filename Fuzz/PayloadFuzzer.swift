// libFuzzer harness: any bytes on stdin of the hook → HookPayload → LogRecord → a log line the
// analyzer's reader must read back as exactly one record. Built by scripts/fuzz.sh.
import SessionLogCore

@_cdecl("LLVMFuzzerTestOneInput")
public func payloadFuzzer(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let payload = HookPayload.parse(UnsafeBufferPointer(start: data, count: count))
    let environment = HookEnvironment(logDirectory: "/nonexistent", projectDirectory: "/home/u/app")
    let record = LogRecord(
        payload: payload, environment: environment, timestamp: Timestamp(milliseconds: 1_795_389_961_123),
        inputBytes: count)
    let line = record.jsonLine
    // One line, ending in its only newline.
    precondition(line.last == UInt8(ascii: "\n") && line.dropLast().firstIndex(of: UInt8(ascii: "\n")) == nil)
    line.withUnsafeBufferPointer { buffer in
        var scanner = JSONScanner(buffer)
        do throws(JSONScanError) {
            try scanner.skipValue()
        } catch {
            preconditionFailure("the hook wrote malformed JSON: \(error)")
        }
    }
    return 0
}
