import SessionLogCore

/// The fields of Claude Code's status-line JSON (written to the command's stdin) that the line uses.
///
/// Anything missing, of the wrong type or malformed is simply absent: the status line must print
/// something sane whatever arrives.
public struct StatusLineInput: Equatable, Sendable {
    /// `session_id`.
    public var sessionID: String?
    /// `model.id`, such as `claude-opus-4-5-20251101`.
    public var modelID: String?
    /// `model.display_name`, such as `Opus 4.5`.
    public var modelName: String?
    /// `workspace.current_dir`, else `cwd`.
    public var currentDirectory: String?

    /// Creates an input from its fields.
    public init(
        sessionID: String? = nil, modelID: String? = nil, modelName: String? = nil,
        currentDirectory: String? = nil
    ) {
        self.sessionID = sessionID
        self.modelID = modelID
        self.modelName = modelName
        self.currentDirectory = currentDirectory
    }

    /// Reads what it can from `bytes`; what was read before a fault is kept.
    public static func parse(_ bytes: [UInt8]) -> StatusLineInput {
        var input = StatusLineInput()
        var cwd: String?
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(buffer)
            scanner.skipByteOrderMark()
            guard scanner.peekKind() == .object else { return }
            do throws(JSONScanError) {
                var cursor = try scanner.enterObject()
                while let key = try scanner.nextKey(&cursor) {
                    if scanner.matches(key, "session_id") {
                        input.sessionID = try string(&scanner)
                    } else if scanner.matches(key, "cwd") {
                        cwd = try string(&scanner)
                    } else if scanner.matches(key, "model"), scanner.peekKind() == .object {
                        var inner = try scanner.enterObject()
                        while let innerKey = try scanner.nextKey(&inner) {
                            if scanner.matches(innerKey, "id") {
                                input.modelID = try string(&scanner)
                            } else if scanner.matches(innerKey, "display_name") {
                                input.modelName = try string(&scanner)
                            } else {
                                try scanner.skipValue()
                            }
                        }
                    } else if scanner.matches(key, "workspace"), scanner.peekKind() == .object {
                        var inner = try scanner.enterObject()
                        while let innerKey = try scanner.nextKey(&inner) {
                            if scanner.matches(innerKey, "current_dir") {
                                input.currentDirectory = try string(&scanner)
                            } else {
                                try scanner.skipValue()
                            }
                        }
                    } else {
                        try scanner.skipValue()
                    }
                }
            } catch {
                // Keep what was read: a status line shows what it can.
            }
        }
        if input.currentDirectory == nil { input.currentDirectory = cwd }
        return input
    }

    private static func string(_ scanner: inout JSONScanner) throws(JSONScanError) -> String? {
        guard let token = try scanner.scanOptionalString() else { return nil }
        let text = scanner.decode(token)
        return text.isEmpty ? nil : text
    }
}
