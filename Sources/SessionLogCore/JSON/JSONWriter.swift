/// Writes JSON text into a byte buffer, compact or indented, keeping commas and nesting right.
///
/// Strings come out as valid UTF-8 with the minimal escapes; non-ASCII text is not escaped.
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

    private mutating func writeString(_ value: String) {
        bytes.append(._quote)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == ._quote || byte == ._backslash else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(._backslash)
                switch byte {
                case ._quote, ._backslash: bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [
                        UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(._quote)
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
