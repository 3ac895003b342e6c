/// A whole JSON value that keeps what a settings file needs kept: member order and numbers as written.
///
/// Objects are ordered member lists, duplicates included, so a document printed back out keeps
/// the user's layout of keys; numbers keep their raw text, so `1.50` or `1e3` are not rewritten.
public indirect enum JSONDocument: Equatable, Sendable {
    /// An object's members in file order.
    case object([Member])
    /// An array's elements.
    case array([JSONDocument])
    /// A decoded string.
    case string(String)
    /// A number's raw text, exactly as written.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// One key and its value in an object.
    public struct Member: Equatable, Sendable {
        /// The decoded key.
        public var key: String
        /// The value.
        public var value: JSONDocument

        /// Creates a member.
        public init(_ key: String, _ value: JSONDocument) {
            self.key = key
            self.value = value
        }
    }

    /// The members, when this is an object.
    public var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, when this is an array.
    public var elements: [JSONDocument]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of `key` in an object (the last one, as JavaScript reads duplicates), or nil.
    ///
    /// Setting a value replaces that member in place, or appends one when the key is new;
    /// setting nil removes every member with that key. Setting on a non-object does nothing.
    public subscript(key: String) -> JSONDocument? {
        get {
            guard let members else { return nil }
            return members.last { $0.key == key }?.value
        }
        set {
            guard var members else { return }
            if let newValue {
                if let index = members.lastIndex(where: { $0.key == key }) {
                    members[index].value = newValue
                } else {
                    members.append(Member(key, newValue))
                }
            } else {
                members.removeAll { $0.key == key }
            }
            self = .object(members)
        }
    }
}
