import SessionLogCore

/// `session-stats search --json`: `{"sessions": [...]}`, one object per session with the keys the
/// issue names; `transcript` is null when it was deleted, `matches` and `snippet` are null for a
/// listing, `cost` is null when the ledger has no request of the session or one cannot be priced,
/// and `estimated_models` names the models `cost` priced as their family's newest.
extension SearchOutcome {
    /// The report as indented JSON.
    var json: String {
        var writer = JSONWriter(indent: 2, capacity: 4 * 1024)
        writer.beginObject()
        writer.key("sessions")
        writer.beginArray()
        for hit in hits {
            let session = hit.session
            writer.beginObject()
            writer.nullable("session_id", session.id)
            writer.nullable("project", session.project)
            writer.nullable("cwd", session.cwd)
            writer.nullable("title", session.displayTitle)
            writer.nullable("first", session.first?.iso8601)
            writer.nullable("last", session.last?.iso8601)
            writer.key("matches")
            if let match = hit.match { writer.integer(match.messages) } else { writer.null() }
            writer.nullable("snippet", hit.match?.snippet)
            writer.key("cost")
            if let cost = hit.cost, cost.unpricedModels.isEmpty {
                writer.raw(cost.priced.fixed4)
            } else {
                writer.null()
            }
            // Claude models the price table lacks, priced as their family's newest: model → the model used.
            writer.key("estimated_models")
            writer.beginObject()
            for (model, name) in (hit.cost?.estimatedModels ?? [:]).sorted(by: { $0.key < $1.key }) {
                writer.field(model, name)
            }
            writer.endObject()
            writer.nullable("transcript", session.transcript?.path)
            writer.nullable("resume_command", ResumeCommand.line(sessionID: session.id, cwd: session.cwd))
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }
}
