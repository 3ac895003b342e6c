import SessionLogCore

extension JSONDocument {
    /// How deeply objects and arrays may nest; parsing recurses, so this bounds the stack.
    public static let maximumDepth = 512

    /// Parses one JSON value from UTF-8 bytes, allowing a byte order mark and surrounding whitespace.
    public init(parsing bytes: [UInt8]) throws(JSONDocumentError) {
        let result = bytes.withUnsafeBufferPointer { buffer -> Result<JSONDocument, JSONDocumentError> in
            var scanner = JSONScanner(buffer)
            scanner.skipByteOrderMark()
            do throws(JSONDocumentError) {
                let value = try JSONDocument.parseValue(&scanner, depth: 0)
                guard scanner.isAtEnd() else { throw .trailingData(at: scanner.offset) }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    /// Parses one JSON value from text.
    public init(parsing text: String) throws(JSONDocumentError) {
        try self.init(parsing: Array(text.utf8))
    }

    private static func parseValue(_ scanner: inout JSONScanner, depth: Int) throws(JSONDocumentError)
        -> JSONDocument
    {
        guard let byte = scanner.peek() else { throw .syntax(.unexpectedEnd(at: scanner.offset)) }
        guard let kind = JSONValueKind(firstByte: byte) else {
            throw .syntax(.unexpectedByte(byte, at: scanner.offset))
        }
        switch kind {
        case .object:
            guard depth < maximumDepth else { throw .tooDeep(at: scanner.offset) }
            var cursor = try scan { () throws(JSONScanError) in try scanner.enterObject() }
            var members: [Member] = []
            while let key = try scan({ () throws(JSONScanError) in try scanner.nextKey(&cursor) }) {
                let value = try parseValue(&scanner, depth: depth + 1)
                members.append(Member(scanner.decode(key), value))
            }
            return .object(members)
        case .array:
            guard depth < maximumDepth else { throw .tooDeep(at: scanner.offset) }
            // The scanner has no array cursor, so brackets and commas are read here.
            scanner.offset += 1
            var elements: [JSONDocument] = []
            if scanner.peek() == UInt8(ascii: "]") {
                scanner.offset += 1
                return .array(elements)
            }
            while true {
                elements.append(try parseValue(&scanner, depth: depth + 1))
                guard let next = scanner.peek() else { throw .syntax(.unexpectedEnd(at: scanner.offset)) }
                scanner.offset += 1
                if next == UInt8(ascii: "]") { return .array(elements) }
                guard next == UInt8(ascii: ",") else {
                    throw .syntax(.unexpectedByte(next, at: scanner.offset - 1))
                }
            }
        case .string:
            let token = try scan { () throws(JSONScanError) in try scanner.scanString() }
            return .string(scanner.decode(token))
        case .number:
            let range = try scan { () throws(JSONScanError) in try scanner.scanNumber() }
            return .number(
                String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self))
        case .bool, .null:
            let value = try scan { () throws(JSONScanError) in try scanner.scanLiteral() }
            return value.map { .bool($0) } ?? .null
        }
    }

    private static func scan<T>(_ body: () throws(JSONScanError) -> T) throws(JSONDocumentError) -> T {
        do throws(JSONScanError) {
            return try body()
        } catch {
            throw .syntax(error)
        }
    }
}
