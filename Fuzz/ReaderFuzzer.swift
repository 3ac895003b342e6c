// libFuzzer harness, differential: the log reader must find the same entries and problems whatever
// its read size, so a file read in tiny chunks gives what 1 MiB chunks give. Built by scripts/fuzz.sh.
import SessionLogCore
import SessionStats

#if canImport(Darwin)
    import Darwin
#else
    import Glibc
#endif

let path = "/tmp/sessionlog-fuzz-reader-\(getpid())/activity-2026-01-14.jsonl"

func read(chunkSize: Int, kind: LogFileReader.Kind) -> [String] {
    var reader = LogFileReader(
        path: path, kind: kind, localDays: LocalDayResolver(utcOffsetSeconds: 0), chunkSize: chunkSize,
        maximumRecordBytes: 1 << 20)
    var seen: [String] = []
    reader.forEach { entry in
        seen.append(
            "\(entry.location) \(entry.day) \(entry.timestamp.milliseconds) \(entry.event) \(entry.sessionID) "
                + "\(entry.tool ?? "-") \(entry.inputTokens) \(entry.outputTokens) \(entry.operations) "
                + "\(entry.failures) \(entry.command ?? "-") \(entry.error ?? "-")")
    }
    let d = reader.diagnostics
    seen.append("skipped \(d.skipped) truncated \(d.truncated) blank \(d.blankLines) \(d.warnings)")
    return seen
}

@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzer(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    // The first byte picks the small read size and the format; the rest is the file.
    let chunk = Int(data[0] & 0x3F) + 1
    let kind: LogFileReader.Kind = data[0] & 0x40 == 0 ? .activity : .rollup
    mkdir("/tmp/sessionlog-fuzz-reader-\(getpid())", 0o700)
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(descriptor >= 0)
    _ = write(descriptor, data + 1, count - 1)
    close(descriptor)
    let small = read(chunkSize: chunk, kind: kind)
    let large = read(chunkSize: 1 << 20, kind: kind)
    if small != large {
        print("chunk \(chunk):\n\(small.joined(separator: "\n"))\n1 MiB:\n\(large.joined(separator: "\n"))")
        abort()
    }
    return 0
}
