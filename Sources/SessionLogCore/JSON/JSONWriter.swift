/// Writes JSON text into a byte buffer, compact or indented, keeping commas and nesting right.
///
/// Strings come out as valid UTF-8 with the minimal escapes, plus `\u` escapes for DEL, C1 controls and
/// bidi formatting characters; other non-ASCII text is not escaped.
public struct JSONWriter {
    /// The JSON text written so far.
    public private(set) var bytes: [UInt8] = []
    /// Spaces per level of indentation; 0 writes compact JSON.
    public let indent: Int
    // One entry per open container: whether it has no element yet.
    private var empty: [Bool] = []
    private var afterKey = false

    /// Creates a writer; `indent` 0 writes one line, more writes one member per line.
    public init(indent: Int = 0, capacity: Int = 512) {
        self.indent = indent
        bytes.reserveCapacity(capacity)
    }

    @inline(__always)
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let isEmpty = empty.last else { return }
        if !isEmpty { bytes.append(._comma) }
        empty[empty.count - 1] = false
        newline()
    }

    @inline(__always)
    private mutating func newline() {
        guard indent > 0 else { return }
        bytes.append(._newline)
        for _ in 0..<(empty.count * indent) { bytes.append(._space) }
    }

    /// Opens an object.
    public mutating func beginObject() {
        beforeValue()
        bytes.append(._openBrace)
        empty.append(true)
    }

    /// Closes the innermost object.
    public mutating func endObject() { close(._closeBrace) }

    /// Opens an array.
    public mutating func beginArray() {
        beforeValue()
        bytes.append(._openBracket)
        empty.append(true)
    }

    /// Closes the innermost array.
    public mutating func endArray() { close(._closeBracket) }

    private mutating func close(_ byte: UInt8) {
        let wasEmpty = empty.removeLast()
        if !wasEmpty { newline() }
        bytes.append(byte)
    }

    /// Writes an object key; the next value written is its value.
    public mutating func key(_ key: String) {
        beforeValue()
        writeString(key)
        bytes.append(._colon)
        if indent > 0 { bytes.append(._space) }
        afterKey = true
    }

    /// Writes a key that needs no escaping, such as a `LogKey`; the next value written is its value.
    public mutating func key(_ key: StaticString) {
        beforeValue()
        bytes.append(._quote)
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(._quote)
        bytes.append(._colon)
        if indent > 0 { bytes.append(._space) }
        afterKey = true
    }

    /// Writes a string value.
    public mutating func string(_ value: String) {
        beforeValue()
        writeString(value)
    }

    /// Writes an integer value.
    public mutating func integer(_ value: Int) {
        beforeValue()
        JSONWriter.appendDecimal(value, to: &bytes)
    }

    /// Writes a boolean value.
    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    /// Writes `null`.
    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Writes already-formatted JSON text, such as a fixed-point number, as a value.
    public mutating func raw(_ text: String) {
        beforeValue()
        bytes.append(contentsOf: text.utf8)
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

    private mutating func writeString(_ value: String) {
        bytes.append(._quote)
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
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + escaped
                bytes.append(._backslash)
                if byte >= 0x7F {
                    let scalar = JSONWriter.scalar(utf8, at: index, length: escaped)
                    bytes.append(UInt8(ascii: "u"))
                    for shift in stride(from: 12, through: 0, by: -4) {
                        bytes.append(JSONWriter.hexDigits[Int((scalar >> UInt32(shift)) & 0xF)])
                    }
                    continue
                }
                switch byte {
                case ._quote, ._backslash: bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = JSONWriter.hexDigits
                    bytes.append(contentsOf: [
                        UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(._quote)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

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
        if value == 0 {
            buffer.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var digits: [UInt8] = []
        while magnitude > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        if value < 0 { buffer.append(._minus) }
        buffer.append(contentsOf: digits.reversed())
    }
}
