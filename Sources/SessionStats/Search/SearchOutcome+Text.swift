import SessionLogCore

/// `session-stats search` as text: per session its last activity, project, title, cost, a snippet
/// with the terms highlighted, and the line that resumes it. Every string from a transcript or a
/// log goes through `VisibleText`.
extension SearchOutcome {
    /// The report; `terms` are highlighted in the snippets.
    func text(terms: [SearchTerm], clock: LocalClock, style: TextStyle) -> String {
        let quoted = terms.map { "\"" + VisibleText.escape($0.text) + "\"" }.joined(separator: " ")
        var text = ""
        if hits.isEmpty {
            text += terms.isEmpty ? "No sessions found.\n" : "No session contains " + quoted + ".\n"
        } else {
            let heading =
                terms.isEmpty ? "Sessions, newest first" : "Sessions containing " + quoted + ", newest first"
            text += style.bold(heading) + "\n"
        }
        for hit in hits {
            text += "\n" + row(hit, terms: terms, clock: clock, style: style)
        }
        if stoppedAtLimit { text += "\n" + style.dim("Newest \(hits.count) shown; -n 0 shows all.") + "\n" }
        return text
    }

    private func row(_ hit: SearchHit, terms: [SearchTerm], clock: LocalClock, style: TextStyle) -> String {
        let session = hit.session
        var first = session.last.map(clock.dateTime) ?? "(no date)        "
        first +=
            "  " + style.bold(VisibleText.escape(session.project.isEmpty ? "(no project)" : session.project))
        first += "  " + VisibleText.escape(session.displayTitle ?? "(no title)")
        if let cost = hit.cost {
            first += "  " + style.green(cost.priced.display)
            if !cost.unpricedModels.isEmpty {
                first += style.yellow(
                    " + unpriced " + VisibleText.escape(cost.unpricedModels.joined(separator: ", ")))
            }
            for (model, name) in cost.estimatedModels.sorted(by: { $0.key < $1.key }) {
                first += style.yellow(" (" + VisibleText.escape(model) + " priced as " + name + ")")
            }
        }
        var text = first + "\n"
        if session.transcript == nil {
            text += "    " + style.yellow("transcript deleted") + "\n"
        } else if let match = hit.match {
            let count = match.messages == 1 ? "1 message" : "\(NumberFormat.grouped(match.messages)) messages"
            text +=
                "    " + count + ": " + highlighted(match.snippet ?? "", terms: terms, style: style) + "\n"
        }
        text +=
            "    "
            + style.dim(VisibleText.escape(ResumeCommand.line(sessionID: session.id, cwd: session.cwd)))
            + "\n"
        return text
    }

    // The snippet with each occurrence of a term in bold, each piece made visible on its own.
    private func highlighted(_ snippet: String, terms: [SearchTerm], style: TextStyle) -> String {
        var snippet = snippet
        return snippet.withUTF8 { bytes in
            var marks: [Range<Int>] = []
            for term in terms {
                var from = 0
                while let range = term.firstMatch(in: bytes, from: from) {
                    marks.append(range)
                    from = max(range.upperBound, range.lowerBound + 1)
                }
            }
            marks.sort { $0.lowerBound < $1.lowerBound }
            var text = ""
            var position = 0
            for mark in marks where mark.lowerBound >= position {
                text += VisibleText.escape(
                    String(
                        decoding: UnsafeBufferPointer(rebasing: bytes[position..<mark.lowerBound]),
                        as: UTF8.self))
                text += style.bold(
                    VisibleText.escape(
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[mark]), as: UTF8.self)))
                position = mark.upperBound
            }
            return text
                + VisibleText.escape(
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[position...]), as: UTF8.self))
        }
    }
}
