import SessionLogCore

/// What `session-stats audit` shows: the findings of a range, newest first, and the sites fetched.
public struct AuditReport {
    /// The range as given.
    public var range: DateRange
    /// The days covered; nil for all.
    public var days: ClosedRange<CivilDate>?
    /// The findings, newest first.
    public var findings: [AuditFinding]
    /// The lowest severity that fails the run; nil for `--fail-on none`.
    public var failOn: AuditSeverity?
    /// What reading the logs ran into.
    public var diagnostics: ReadDiagnostics
    /// The clock, for local times.
    public var clock: LocalClock

    /// Creates a report, putting `findings` newest first (file order among equal times).
    public init(
        range: DateRange, days: ClosedRange<CivilDate>?, findings: [AuditFinding], failOn: AuditSeverity?,
        diagnostics: ReadDiagnostics, clock: LocalClock
    ) {
        self.range = range
        self.days = days
        self.findings = findings.enumerated().sorted {
            ($0.element.timestamp, $1.offset) > ($1.element.timestamp, $0.offset)
        }.map(\.element)
        self.failOn = failOn
        self.diagnostics = diagnostics
        self.clock = clock
    }

    /// What the audit cannot see, for the help, the README and the end of the text report.
    public static let blindSpots =
        "Not seen: calls of tools or events the hook was not registered for, anything past the 500\n"
        + "characters a command is clipped to, secrets the hook redacted, and days rotated into rollups.\n"

    /// Whether a finding at or above `failOn` exists.
    public var fails: Bool {
        guard let failOn else { return false }
        return findings.contains { $0.severity >= failOn }
    }

    /// How many findings of each severity.
    public func count(_ severity: AuditSeverity) -> Int { findings.count { $0.severity == severity } }

    /// The domains fetched, most often first, with how often.
    public var domains: [(domain: String, count: Int)] {
        var counts: [String: Int] = [:]
        for finding in findings where finding.rule == .webFetch {
            counts[finding.detail ?? "(no host)", default: 0] += 1
        }
        return counts.map { ($0.key, $0.value) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
    }

    /// `week · 2026-11-16 to 2026-11-22`, `all days`, `2026-11-22`.
    public static func title(range: DateRange, days: ClosedRange<CivilDate>?) -> String {
        guard let days else { return "all days" }
        let dates: String
        if days.lowerBound == days.upperBound {
            dates = days.lowerBound.description
        } else if days.lowerBound == DateRange.firstDay {
            dates = "up to \(days.upperBound)"
        } else {
            dates = "\(days.lowerBound) to \(days.upperBound)"
        }
        switch range {
        case .date, .span: return dates
        default: return range.label + " · " + dates
        }
    }

    /// The report for people.
    public func text(style: TextStyle) -> String {
        var text = style.bold("Risky actions · " + AuditReport.title(range: range, days: days)) + ": "
        text +=
            AuditSeverity.allCases.reversed().map { "\(NumberFormat.grouped(count($0))) \($0.name)" }
            .joined(separator: ", ") + "\n\n"
        if !findings.isEmpty {
            let idLength = IDPrefix.length(for: Array(Set(findings.map(\.sessionID))))
            var table = TextTable(
                [
                    TextTable.Column("Time"),
                    TextTable.Column(
                        "Severity",
                        style: { cell in
                            switch cell {
                            case "high": style.red(cell)
                            case "medium": style.yellow(cell)
                            default: cell
                            }
                        }),
                    TextTable.Column("Session"), TextTable.Column("Project", maxWidth: 20),
                    TextTable.Column("Tool", maxWidth: 14, clipping: .keepBothEnds), TextTable.Column("Rule"),
                    TextTable.Column("What", maxWidth: 80),
                ])
            for finding in findings {
                var what = finding.match
                if let detail = finding.detail, finding.rule != .writeOutsideCwd { what += " (\(detail))" }
                table.append([
                    clock.dateTime(finding.timestamp), finding.severity.name,
                    finding.sessionID.isEmpty ? "–" : IDPrefix.shorten(finding.sessionID, to: idLength),
                    finding.project ?? "–", finding.tool ?? "–", finding.rule.rawValue, what,
                ])
            }
            text += table.render(headerStyle: style.dim) + "\n"
        }
        let domains = self.domains
        if !domains.isEmpty {
            text += style.heading("Domains fetched") + "\n"
            text +=
                "  "
                + domains.map { VisibleText.escape($0.domain) + " (\(NumberFormat.grouped($0.count)))" }
                .joined(separator: ", ")
            text += "\n\n"
        }
        text += style.dim(AuditReport.blindSpots)
        return text
    }

    /// The report as indented JSON.
    public var json: String {
        var writer = JSONWriter(indent: 2, capacity: 4096 + findings.count * 256)
        writer.beginObject()
        writer.field("range", range.label)
        writer.nullable("from", days?.lowerBound.description)
        writer.nullable("to", days?.upperBound.description)
        writer.field("fail_on", failOn?.name ?? "none")
        writer.field("fails", fails)
        writer.key("counts")
        writer.beginObject()
        for severity in AuditSeverity.allCases.reversed() { writer.field(severity.name, count(severity)) }
        writer.endObject()
        writer.key("findings")
        writer.beginArray()
        for finding in findings {
            writer.beginObject()
            writer.field("time", finding.timestamp.iso8601)
            writer.field("severity", finding.severity.name)
            writer.field("rule", finding.rule.rawValue)
            writer.field("summary", finding.rule.summary)
            writer.field("session_id", finding.sessionID)
            writer.nullable("project", finding.project)
            writer.nullable("tool", finding.tool)
            writer.field("match", finding.match)
            writer.nullable("detail", finding.detail)
            writer.nullable("location", finding.location?.description)
            writer.endObject()
        }
        writer.endArray()
        writer.key("domains")
        writer.beginArray()
        for (domain, count) in domains {
            writer.beginObject()
            writer.field("domain", domain)
            writer.field("count", count)
            writer.endObject()
        }
        writer.endArray()
        writer.key("warnings")
        writer.beginObject()
        writer.field("skipped_lines", diagnostics.skipped)
        writer.field("unreadable_paths", diagnostics.unreadablePaths)
        writer.key("missing_directories")
        writer.beginArray()
        for directory in diagnostics.missingDirectories { writer.string(directory) }
        writer.endArray()
        writer.endObject()
        writer.endObject()
        return writer.text
    }
}
