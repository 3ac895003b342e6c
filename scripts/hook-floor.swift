// The floor of a Swift hook: what scripts/hook-floor.c does, built like session-logger (static
// stdlib, fully static executable on Linux), so the hook's gap to it is the hook's own code.
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 16)
var total = 0
while true {
    let count = read(0, buffer, 1 << 16)
    if count <= 0 { break }
    total += count
}
let directory = getenv("CLAUDE_LOG_DIR").map { String(cString: $0) } ?? "/tmp"
let descriptor = open(directory + "/swift-floor.jsonl", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
if descriptor >= 0 {
    let line = "{\"bytes\":\(total)}\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
    close(descriptor)
}
exit(0)
