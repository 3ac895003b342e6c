/// Writes JSON text into a byte buffer, compact or indented, keeping commas and nesting right.
///
/// Strings come out as valid UTF-8 with the minimal escapes, plus `\u` escapes for DEL, C1 controls and
/// bidi formatting characters; other non-ASCII text is not escaped.
public struct JSONWriter {
    /// The JSON text written so far.
    public var bytes: [UInt8] { Array(buffer.bytes) }
    /// Spaces per level of indentation; 0 writes compact JSON.
    public let indent: Int
    // The text, in a buffer of its own rather than an Array: see ByteBuffer.
    private var buffer: ByteBuffer
    // One byte per open container: 1 while it has no element yet.
    private var nesting: ByteBuffer
    private var afterKey = false

    /// Creates a writer; `indent` 0 writes one line, more writes one member per line.
    public init(indent: Int = 0, capacity: Int = 512) {
        self.indent = indent
        buffer = ByteBuffer(capacity: capacity)
        nesting = ByteBuffer(capacity: 16)
    }

    /// Calls `body` with the JSON text written so far, without copying it into an array.
    public func withBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        defer { withExtendedLifetime(buffer) {} }
        return try body(buffer.bytes)
    }

    /// Ends the text with a newline, as a line of JSON Lines ends.
    public mutating func endLine() {
        makeUnique()
        buffer.append(._newline)
    }

    // A copied writer shares its buffers until one of the copies writes.
    @inline(__always)
    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&buffer) { buffer = buffer.copy() }
        if !isKnownUniquelyReferenced(&nesting) { nesting = nesting.copy() }
    }

    @inline(__always)
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard nesting.count > 0 else { return }
        if nesting.bytes[nesting.count - 1] == 0 { buffer.append(._comma) }
        nesting.setLast(0)
        newline()
    }

    @inline(__always)
    private mutating func newline() {
        guard indent > 0 else { return }
        buffer.append(._newline)
        for _ in 0..<(nesting.count * indent) { buffer.append(._space) }
    }

    /// Opens an object.
    public mutating func beginObject() {
        makeUnique()
        beforeValue()
        buffer.append(._openBrace)
        nesting.append(1)
    }

    /// Closes the innermost object.
    public mutating func endObject() { close(._closeBrace) }

    /// Opens an array.
    public mutating func beginArray() {
        makeUnique()
        beforeValue()
        buffer.append(._openBracket)
        nesting.append(1)
    }

    /// Closes the innermost array.
    public mutating func endArray() { close(._closeBracket) }

    private mutating func close(_ byte: UInt8) {
        makeUnique()
        let wasEmpty = nesting.removeLast() == 1
        if !wasEmpty { newline() }
        buffer.append(byte)
    }

    /// Writes an object key; the next value written is its value.
    public mutating func key(_ key: String) {
        makeUnique()
        beforeValue()
        writeString(key)
        buffer.append(._colon)
        if indent > 0 { buffer.append(._space) }
        afterKey = true
    }

    /// Writes a key that needs no escaping, such as a `LogKey`; the next value written is its value.
    public mutating func key(_ key: StaticString) {
        makeUnique()
        beforeValue()
        buffer.append(._quote)
        append(key)
        buffer.append(._quote)
        buffer.append(._colon)
        if indent > 0 { buffer.append(._space) }
        afterKey = true
    }

    /// Writes a string value.
    public mutating func string(_ value: String) {
        makeUnique()
        beforeValue()
        writeString(value)
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        makeUnique()
        beforeValue()
        JSONWriter.withDecimal(value) { buffer.append($0) }
    }

    /// Writes a boolean value.
    public mutating func bool(_ value: Bool) {
        makeUnique()
        beforeValue()
        append(value ? "true" : "false")
    }

    /// Writes `null`.
    public mutating func null() {
        makeUnique()
        beforeValue()
        append("null")
    }

    /// Writes already-formatted JSON text, such as a fixed-point number, as a value.
    public mutating func raw(_ text: String) {
        makeUnique()
        beforeValue()
        var text = text
        text.withUTF8 { buffer.append($0) }
    }

    /// Writes `"key": "value"`, or nothing when the value is nil or empty.
    public mutating func field(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        key(name)
        string(value)
    }

    /// Writes `"key": value`, or nothing when the value is nil.
    public mutating func field(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// Writes `"key": value`, or nothing when the value is nil.
    public mutating func field(_ name: String, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    /// Writes `"key": "value"` under a static key, or nothing when the value is nil or empty.
    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        key(name)
        string(value)
    }

    /// Writes `"key": value` under a static key, or nothing when the value is nil.
    public mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// Writes `"key": value` under a static key, or nothing when the value is nil.
    public mutating func field(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    private mutating func append(_ text: StaticString) {
        buffer.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func writeString(_ value: String) {
        buffer.append(._quote)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == ._quote || byte == ._backslash || byte >= 0x7F else { continue }
                // DEL, C1 controls and bidi formatting characters are written as \u escapes too, so JSON
                // shown raw in a terminal cannot move the cursor or reorder text.
                var escaped = 1
                if byte >= 0x7F {
                    guard let length = JSONWriter.invisibleLength(utf8, at: index) else { continue }
                    escaped = length
                }
                buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + escaped
                buffer.append(._backslash)
                if byte >= 0x7F {
                    let scalar = JSONWriter.scalar(utf8, at: index, length: escaped)
                    buffer.append(UInt8(ascii: "u"))
                    for shift in stride(from: 12, through: 0, by: -4) {
                        buffer.append(JSONWriter.hexDigit(UInt8((scalar >> UInt32(shift)) & 0xF)))
                    }
                    continue
                }
                switch byte {
                case ._quote, ._backslash: buffer.append(byte)
                case 0x08: buffer.append(UInt8(ascii: "b"))
                case 0x0C: buffer.append(UInt8(ascii: "f"))
                case 0x0A: buffer.append(UInt8(ascii: "n"))
                case 0x0D: buffer.append(UInt8(ascii: "r"))
                case 0x09: buffer.append(UInt8(ascii: "t"))
                default:
                    buffer.append(UInt8(ascii: "u"))
                    buffer.append(0x30)
                    buffer.append(0x30)
                    buffer.append(JSONWriter.hexDigit(byte >> 4))
                    buffer.append(JSONWriter.hexDigit(byte & 0xF))
                }
            }
            buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        buffer.append(._quote)
    }

    /// The lowercase hexadecimal digit for a value from 0 to 15.
    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// The length of the UTF-8 sequence at `index` when it encodes DEL, a C1 control (U+0080–U+009F)
    /// or a bidi formatting character (U+061C, U+200E, U+200F, U+2028–U+202E, U+2066–U+2069); else nil.
    @inline(__always)
    static func invisibleLength(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = utf8[index]
        if lead == 0x7F { return 1 }
        guard index + 1 < utf8.count else { return nil }
        let second = utf8[index + 1]
        switch lead {
        case 0xC2: return second >= 0x80 && second <= 0x9F ? 2 : nil
        case 0xD8: return second == 0x9C ? 2 : nil
        case 0xE2:
            guard index + 2 < utf8.count else { return nil }
            let third = utf8[index + 2]
            if second == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xA8 && third <= 0xAE)) {
                return 3
            }
            if second == 0x81 && third >= 0xA6 && third <= 0xA9 { return 3 }
            return nil
        default: return nil
        }
    }

    /// The scalar value of the `length`-byte UTF-8 sequence at `index`.
    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> UInt32 {
        switch length {
        case 1: return UInt32(utf8[index])
        case 2: return UInt32(utf8[index] & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
        default:
            return UInt32(utf8[index] & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6
                | UInt32(utf8[index + 2] & 0x3F)
        }
    }

    /// Appends the decimal digits of `value` to `buffer`.
    public static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        withDecimal(value) { buffer.append(contentsOf: $0) }
    }

    /// Calls `body` with the decimal text of `value`, written on the stack.
    @inline(__always)
    static func withDecimal(_ value: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        // 19 digits and a sign hold any Int, Int.min included.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            var magnitude = value.magnitude
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = ._minus
            }
            body(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
