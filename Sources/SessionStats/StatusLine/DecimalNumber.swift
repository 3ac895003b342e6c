/// A JSON number kept as its text, so that what Claude Code sent is written back digit for digit.
public struct DecimalNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number's JSON text, such as `23.5` or `1.2e-3`.
    public let text: String

    /// Wraps `text` when it is a JSON number; nil otherwise.
    public init?(_ text: String) {
        guard DecimalNumber.isNumber(text) else { return nil }
        self.text = text
    }

    /// A whole number.
    public init(_ value: Int) { text = String(value) }

    public var description: String { text }

    /// The value as a Double, for rates and percentages.
    public var double: Double { Double(text) ?? 0 }

    /// The value as exact picodollars (rounded half away from zero past the 12th decimal); nil when
    /// out of range.
    public var picodollars: Int128? {
        var digits: Int128 = 0
        var scale = 12  // Power of ten to multiply the digits by.
        var negative = false
        var inFraction = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-") where !inExponent: negative = true
            case UInt8(ascii: "-"): exponentSign = -1
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): inFraction = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            default:
                let digit = Int(byte &- 0x30)
                if inExponent {
                    exponent = exponent * 10 + digit
                    if exponent > 60 { return nil }
                } else {
                    guard digits < Int128(1) << 100 else { return nil }
                    digits = digits * 10 + Int128(digit)
                    if inFraction { scale -= 1 }
                }
            }
        }
        scale += exponentSign * exponent
        if scale >= 0 {
            for _ in 0..<scale {
                guard digits < Int128(1) << 120 else { return nil }
                digits *= 10
            }
        } else if scale < -40 {
            digits = 0
        } else {
            for _ in 0..<(-scale - 1) { digits /= 10 }
            let last = digits % 10
            digits = digits / 10 + (last >= 5 ? 1 : 0)
        }
        return negative ? -digits : digits
    }

    /// Whether `text` is a JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte &- 0x30 < 10 {
                bytes.removeFirst()
                count += 1
            }
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
        if bytes.first == UInt8(ascii: "0") {
            bytes.removeFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            if digits() == 0 { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes.removeFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes.removeFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
