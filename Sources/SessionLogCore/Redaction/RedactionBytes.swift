// Byte classes for the redaction scanner: one comparison or two each, no tables, no Unicode.

@inline(__always) func ascii(_ scalar: Unicode.Scalar) -> UInt8 {
    UInt8(ascii: scalar)
}

@inline(__always) func isDigit(_ c: UInt8) -> Bool {
    c &- 0x30 < 10
}

@inline(__always) func isUpper(_ c: UInt8) -> Bool {
    c &- 0x41 < 26
}

@inline(__always) func isLetter(_ c: UInt8) -> Bool {
    (c | 0x20) &- 0x61 < 26
}

@inline(__always) func isAlnum(_ c: UInt8) -> Bool {
    isLetter(c) || isDigit(c)
}

@inline(__always) func isUpperAlnum(_ c: UInt8) -> Bool {
    isUpper(c) || isDigit(c)
}

/// `[A-Za-z0-9_]`, the body of a `github_pat_` token.
@inline(__always) func isWordByte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x5F
}

/// `[A-Za-z0-9_-]`, the body of an `sk-` key.
@inline(__always) func isKeyByte(_ c: UInt8) -> Bool {
    isWordByte(c) || c == 0x2D
}

/// `[A-Za-z0-9-]`, the body of a Slack token.
@inline(__always) func isSlackByte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x2D
}

/// `[A-Za-z0-9_.-]`, the bytes of an assignment, flag, header or parameter name.
@inline(__always) func isNameByte(_ c: UInt8) -> Bool {
    isKeyByte(c) || c == 0x2E
}

/// `[A-Za-z0-9/+]`, the bytes of an AWS secret access key.
@inline(__always) func isAWSSecretByte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x2F || c == 0x2B
}

/// The RFC 7235 token68 bytes of a bearer credential.
@inline(__always) func isToken68Byte(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E || c == 0x2B || c == 0x2F || c == 0x3D
}

/// The kind letter of a GitHub token: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`.
@inline(__always) func isGitHubKind(_ c: UInt8) -> Bool {
    c == 0x70 || c == 0x6F || c == 0x75 || c == 0x73 || c == 0x72
}

/// The kind letter of a Slack token: `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xoxe-`, `xoxo-`.
@inline(__always) func isSlackKind(_ c: UInt8) -> Bool {
    c == 0x62 || c == 0x70 || c == 0x61 || c == 0x72 || c == 0x73 || c == 0x65 || c == 0x6F
}

/// `[0-9a-fA-F]`.
@inline(__always) func isHexDigit(_ c: UInt8) -> Bool {
    isDigit(c) || (c | 0x20) &- 0x61 < 6
}

/// `[A-Za-z0-9+/=_-]`: standard or URL-safe base64 with padding.
@inline(__always) func isBase64Byte(_ c: UInt8) -> Bool {
    isKeyByte(c) || c == 0x2B || c == 0x2F || c == 0x3D
}

/// `[A-Za-z0-9_.=-]`: a token body with dots and padding (SendGrid, PlanetScale, Dynatrace).
@inline(__always) func isDottedKeyByte(_ c: UInt8) -> Bool {
    isKeyByte(c) || c == 0x2E || c == 0x3D
}

/// `[A-Za-z0-9_+/@-]`: the secret path segments of a webhook URL.
@inline(__always) func isURLPathByte(_ c: UInt8) -> Bool {
    isKeyByte(c) || c == 0x2F || c == 0x2B || c == 0x40
}

/// `-`, `<`, `>`, `|`, `&`, `;`, `(`, `)`: bytes that start a flag or a shell operator, not a flag's value.
@inline(__always) func isFlagOrOperator(_ c: UInt8) -> Bool {
    c == 0x2D || c == 0x3C || c == 0x3E || c == 0x7C || c == 0x26 || c == 0x3B || c == 0x28 || c == 0x29
}

@inline(__always) func isBlank(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09
}

@inline(__always) func isSpace(_ c: UInt8) -> Bool {
    c == 0x20 || c &- 0x09 < 5
}

@inline(__always) func isQuote(_ c: UInt8) -> Bool {
    c == 0x22 || c == 0x27 || c == 0x60
}

/// Lowercases an ASCII letter and reads `-` as `_`, for comparing names.
@inline(__always) func folded(_ c: UInt8) -> UInt8 {
    if isUpper(c) { return c | 0x20 }
    return c == 0x2D ? 0x5F : c
}

/// `[A-Za-z0-9_.+/=~:@-]`: the bytes a vendor token or a webhook URL's host and path are made of.
@inline(__always) func isTokenByte(_ c: UInt8) -> Bool {
    isBase64Byte(c) || c == 0x2E || c == 0x7E || c == 0x3A || c == 0x40
}
