/// The ASCII bytes the scanner and writers compare with, named.
extension UInt8 {
    @usableFromInline static let _space = UInt8(ascii: " ")
    @usableFromInline static let _tab = UInt8(ascii: "\t")
    @usableFromInline static let _newline = UInt8(ascii: "\n")
    @usableFromInline static let _return = UInt8(ascii: "\r")
    @usableFromInline static let _quote = UInt8(ascii: "\"")
    @usableFromInline static let _backslash = UInt8(ascii: "\\")
    @usableFromInline static let _slash = UInt8(ascii: "/")
    @usableFromInline static let _openBrace = UInt8(ascii: "{")
    @usableFromInline static let _closeBrace = UInt8(ascii: "}")
    @usableFromInline static let _openBracket = UInt8(ascii: "[")
    @usableFromInline static let _closeBracket = UInt8(ascii: "]")
    @usableFromInline static let _comma = UInt8(ascii: ",")
    @usableFromInline static let _colon = UInt8(ascii: ":")
    @usableFromInline static let _minus = UInt8(ascii: "-")
    @usableFromInline static let _plus = UInt8(ascii: "+")
    @usableFromInline static let _period = UInt8(ascii: ".")

    @usableFromInline var _isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
