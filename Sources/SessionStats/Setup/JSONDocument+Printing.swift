import SessionLogCore

extension JSONDocument {
    /// The document as JSON text, indented by `indent` spaces per level as Claude Code writes
    /// settings.json (2), or compact with 0; no trailing newline.
    public func jsonBytes(indent: Int = 2) -> [UInt8] {
        var writer = JSONWriter(indent: indent)
        write(to: &writer)
        return writer.bytes
    }

    /// The document as indented JSON text, without a trailing newline.
    public var jsonText: String { String(decoding: jsonBytes(), as: UTF8.self) }

    private func write(to writer: inout JSONWriter) {
        switch self {
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.key)
                member.value.write(to: &writer)
            }
            writer.endObject()
        case .array(let elements):
            writer.beginArray()
            for element in elements { element.write(to: &writer) }
            writer.endArray()
        case .string(let text): writer.string(text)
        case .number(let text): writer.raw(text)
        case .bool(let value): writer.bool(value)
        case .null: writer.null()
        }
    }
}
