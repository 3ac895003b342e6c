/// ANSI styling that does nothing when colour is off, so renderers never check.
public struct TextStyle: Sendable {
    /// Whether escape codes are written.
    public var enabled: Bool

    /// Creates a style, on or off.
    public init(enabled: Bool) { self.enabled = enabled }

    /// Section headings.
    public func heading(_ text: String) -> String { wrap(text, "1;36") }
    /// Emphasis, such as totals.
    public func bold(_ text: String) -> String { wrap(text, "1") }
    /// Secondary text such as hints and command lines.
    public func dim(_ text: String) -> String { wrap(text, "2") }
    /// Failures and warnings.
    public func red(_ text: String) -> String { wrap(text, "31") }
    /// Money.
    public func green(_ text: String) -> String { wrap(text, "32") }
    /// Cautions, such as an estimate made with fallback rates.
    public func yellow(_ text: String) -> String { wrap(text, "33") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text
    }
}
