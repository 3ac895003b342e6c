import SessionLogCore

/// What one `sync` did, for its text and JSON output.
public struct SyncSummary: Equatable, Sendable {
    /// Transcript files found under the roots.
    public var filesFound = 0
    /// Files read because they were new or had grown.
    public var filesRead = 0
    /// Files read again from the start because they were replaced or shrank.
    public var filesReread = 0
    /// Bytes read from transcripts.
    public var bytesRead = 0
    /// Requests appended to the ledger.
    public var requestsAdded = 0
    /// Copies of a request dropped because another copy was kept.
    public var duplicatesDropped = 0
    /// `<synthetic>` responses left out (never billed).
    public var syntheticSkipped = 0
    /// Lines skipped: malformed JSON that could hold a request, unusable requests, over-long lines.
    public var linesSkipped = 0
    /// Of `linesSkipped`, lines longer than the reader's limit.
    public var overlongLines = 0
    /// Roots that do not exist.
    public var missingRoots: [String] = []
    /// The roots read.
    public var roots: [String] = []
    /// Files or folders that could not be read, with why.
    public var unreadable: [String] = []
    /// The first few skipped lines as `path:line: reason`.
    public var warnings: [String] = []
    /// The local days that received requests.
    public var days: Set<CivilDate> = []
}

extension SyncSummary {
    /// The summary for people, one fact per line.
    public var text: String {
        if filesFound == 0 {
            return "No Claude Code transcripts found in \(roots.joined(separator: ", ")).\n"
        }
        var text =
            "Synced \(NumberFormat.grouped(filesFound)) transcript \(filesFound == 1 ? "file" : "files"): "
        text += "\(NumberFormat.grouped(filesRead)) read"
        if filesReread > 0 { text += " (\(NumberFormat.grouped(filesReread)) again from the start)" }
        text += ", \(NumberFormat.grouped(filesFound - filesRead)) unchanged"
        text += ", " + NumberFormat.fixed(Int128(bytesRead) / 100_000, decimals: 1, grouping: true) + " MB.\n"
        text += "  requests added      \(NumberFormat.grouped(requestsAdded))\n"
        text += "  duplicates dropped  \(NumberFormat.grouped(duplicatesDropped))\n"
        text += "  synthetic skipped   \(NumberFormat.grouped(syntheticSkipped))\n"
        text += "  lines skipped       \(NumberFormat.grouped(linesSkipped))"
        if overlongLines > 0 { text += " (\(NumberFormat.grouped(overlongLines)) too long to read)" }
        text += "\n"
        return text
    }

    /// The summary as a JSON object.
    public var json: String {
        var writer = JSONWriter(indent: 2)
        writer.beginObject()
        writer.field("files_found", filesFound)
        writer.field("files_read", filesRead)
        writer.field("files_reread", filesReread)
        writer.field("bytes_read", bytesRead)
        writer.field("requests_added", requestsAdded)
        writer.field("duplicates_dropped", duplicatesDropped)
        writer.field("synthetic_skipped", syntheticSkipped)
        writer.field("lines_skipped", linesSkipped)
        writer.field("overlong_lines", overlongLines)
        writer.key("roots")
        writer.beginArray()
        for root in roots { writer.string(root) }
        writer.endArray()
        writer.key("missing_roots")
        writer.beginArray()
        for root in missingRoots { writer.string(root) }
        writer.endArray()
        writer.key("unreadable")
        writer.beginArray()
        for path in unreadable { writer.string(path) }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }
}
