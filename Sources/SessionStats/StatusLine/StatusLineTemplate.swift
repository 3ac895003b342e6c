/// A `--format` template: literal text and `{field}` placeholders.
///
/// The text before the first placeholder and after the last is always printed; the text between
/// two placeholders is the separator of the one after it, and goes wherever that field goes: a field
/// with nothing to show, or dropped to fit `COLUMNS`, takes its separator with it.
public struct StatusLineTemplate: Equatable, Sendable {
    /// The text before the first field.
    public var prefix: String
    /// The fields in order, each with the text before it.
    public var fields: [(separator: String, field: StatusLineField)]
    /// The text after the last field.
    public var suffix: String

    /// The default line: model, context, session cost, today's spend, limits and budget.
    public static let standard = StatusLineTemplate(
        parsing: "{model} · {context} · {session_cost} · {today_cost} · {five_hour} · {seven_day} · {budget}")!

    /// Parses `text`; nil when a `{` is not closed or names no field.
    public init?(parsing text: String) {
        var literal = ""
        var prefix: String?
        var fields: [(String, StatusLineField)] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                let field = StatusLineField(rawValue: String(rest[rest.index(after: open)..<close]))
            else { return nil }
            if prefix == nil {
                prefix = literal
            } else {
                fields.append((literal, field))
                literal = ""
                rest = rest[rest.index(after: close)...]
                continue
            }
            fields.append(("", field))
            literal = ""
            rest = rest[rest.index(after: close)...]
        }
        self.prefix = prefix ?? ""
        self.fields = fields
        suffix = literal + rest
    }

    public static func == (lhs: StatusLineTemplate, rhs: StatusLineTemplate) -> Bool {
        lhs.prefix == rhs.prefix && lhs.suffix == rhs.suffix
            && lhs.fields.elementsEqual(rhs.fields) { $0.separator == $1.separator && $0.field == $1.field }
    }
}
