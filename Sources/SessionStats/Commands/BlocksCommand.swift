import SessionLogCore

/// `session-stats blocks`: Claude's 5-hour billing windows from the usage ledger, with the active
/// one's burn rate and projection.
public enum BlocksCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Range, output and sources.
        public var common = CommonOptions()
        /// `--token-limit N|max`: a token budget per block; `max` is the largest past block.
        public var tokenLimit: TokenLimit?
        /// `--no-sync` and `--transcripts DIR`.
        public var sync = SyncOptions()

        /// Creates the defaults.
        public init() {}
    }

    /// A block's token budget.
    public enum TokenLimit: Equatable, Sendable {
        /// A number of tokens.
        case tokens(Int)
        /// The most tokens any completed block used.
        case max
    }

    /// The shared options `blocks` takes.
    public static let groups: CommonOptions.Groups = [.range, .output, .sources]

    /// The options `blocks` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "--token-limit", value: "N|max",
                help: "tokens allowed per block; max: the most a finished block of the range used")
        ]
            + SyncOptions.specs(
                noSync: "do not sync the usage ledger first", transcripts: "where to sync from (repeatable)"),
        groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats blocks [options]

        Claude's 5-hour billing windows, from the exact usage of Claude Code's transcripts (the
        usage ledger, synced first). A block starts at its first request, floored to the hour, and
        lasts 5 hours; a request after that, or after 5 idle hours, starts a new one. The active
        block shows its burn rate and what it will have used by its end at that rate.


        """ + commandLine.help(defaultRange: "week")

    /// Parses the arguments after `blocks`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        let parsed = CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            switch name {
            case "--token-limit":
                let text = try cursor.value(for: name)
                if text == "max" {
                    options.tokenLimit = .max
                } else if let number = Int(text), number > 0,
                    text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
                {
                    options.tokenLimit = .tokens(number)
                } else {
                    throw .badValue(option: name, value: text, expected: "a number of tokens or max")
                }
            default: return try options.sync.consume(name, from: &cursor)
            }
            return true
        }
        return parsed.map { options in
            var options = options
            if !options.common.rangeGiven { options.common.range = .week }
            return options
        }
    }

    /// Runs `blocks` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "blocks", help: help) { options throws(UsageError) in
            let directories = try options.common.logDirectories(variables: context.variables)
            let days = options.common.range.days(today: context.clock.today)
            var query = UsageQuery(
                directories: directories,
                roots: options.sync.roots(variables: context.variables),
                days: days.map { $0.lowerBound.adding(days: -1)...$0.upperBound })
            query.sync = !options.sync.noSync
            // One local day at a time, in time order; the builder carries the open block across midnight.
            var builder = BillingBlockBuilder()
            let notes: PricingNotes
            do throws(PricingFileError) {
                notes = try query.forEachPricedDay(clock: context.clock, variables: context.variables) {
                    context.errorOutput("warning: " + $0 + "\n")
                } _: { _, batch in
                    builder.add(batch)
                }
            } catch {
                throw .badPricingFile(error.message)
            }
            var blocks = builder.blocks
            // Blocks that start within the range; the day before was read for a block running over midnight.
            if let days {
                var resolver = context.clock.dayResolver
                blocks = blocks.filter { days.contains(resolver.day(of: $0.lastRequest)) }
            }
            let now = context.clock.now
            var limit: Int?
            switch options.tokenLimit {
            case .tokens(let number): limit = number
            case .max: limit = blocks.filter { !$0.isActive(at: now) }.map(\.tokens).max()
            case nil: break
            }
            if options.common.json {
                context.output(json(blocks, now: now, limit: limit, notes: notes))
            } else if blocks.isEmpty {
                context.output(
                    "No API requests in the usage ledger for this range. Run 'session-stats sync'.\n")
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(
                    text(blocks, now: now, limit: limit, clock: context.clock, style: style)
                        + notes.text(indent: "  ", style: style))
            }
            return .success
        }
    }

    static func text(
        _ blocks: [BillingBlock], now: Timestamp, limit: Int?, clock: LocalClock, style: TextStyle
    ) -> String {
        var table = TextTable([
            TextTable.Column("Block start"), TextTable.Column("End"), TextTable.Column("Requests", .right),
            TextTable.Column("Tokens", .right), TextTable.Column("Cost", .right), TextTable.Column(""),
        ])
        table.indent = 2
        for block in blocks {
            var note = block.isActive(at: now) ? "active" : ""
            if let limit {
                note +=
                    (note.isEmpty ? "" : ", ") + NumberFormat.percent(block.tokens, of: limit) + " of limit"
            }
            table.append([
                clock.dateTime(block.start), clock.hourMinute(block.end),
                NumberFormat.grouped(block.totals.requests),
                NumberFormat.grouped(block.tokens), block.totals.cost.display, note,
            ])
        }
        var text = style.heading("5-hour billing blocks (exact usage, local times)") + "\n"
        text += table.render(headerStyle: style.dim)
        if let active = blocks.last, active.isActive(at: now) {
            let rate = active.burnRate
            let projection = active.projection(at: now)
            text += "\n  Active block: " + NumberFormat.grouped(rate.tokensPerMinute) + " tokens/min, "
            text += rate.costPerHour.display + "/hour; " + NumberFormat.grouped(projection.remainingMinutes)
            text += " min left.\n  Projected by " + clock.hourMinute(active.end) + ": "
            text += NumberFormat.grouped(projection.tokens) + " tokens, " + projection.cost.display
            if let limit {
                let share = NumberFormat.percent(projection.tokens, of: limit)
                text += " (" + share + " of the " + NumberFormat.grouped(limit) + "-token limit)"
                if projection.tokens > limit { text = text + " " + style.yellow("over the limit") }
            }
            text += ".\n"
        }
        return text
    }

    /// The blocks as JSON, with how their models were priced (`notes`).
    static func json(
        _ blocks: [BillingBlock], now: Timestamp, limit: Int?, notes: PricingNotes = PricingNotes()
    )
        -> String
    {
        var writer = JSONWriter(indent: 2)
        writer.beginObject()
        writer.key("blocks")
        writer.beginArray()
        for block in blocks {
            writer.beginObject()
            writer.field("start", block.start.iso8601)
            writer.field("end", block.end.iso8601)
            writer.field("last_request", block.lastRequest.iso8601)
            writer.field("active", block.isActive(at: now))
            writer.field("requests", block.totals.requests)
            writer.field("input", block.totals.tokens.input)
            writer.field("output", block.totals.tokens.output)
            writer.field("cache_write_5m", block.totals.tokens.cacheWrite5m)
            writer.field("cache_write_1h", block.totals.tokens.cacheWrite1h)
            writer.field("cache_read", block.totals.tokens.cacheRead)
            writer.field("total_tokens", block.tokens)
            writer.key("cost")
            writer.raw(writer.exactCost(block.totals.cost))
            writer.key("burn_rate")
            if block.isActive(at: now) {
                let rate = block.burnRate
                writer.beginObject()
                writer.field("tokens_per_minute", rate.tokensPerMinute)
                writer.key("cost_per_hour")
                writer.raw(writer.exactCost(rate.costPerHour))
                writer.endObject()
            } else {
                writer.null()
            }
            writer.key("projection")
            if block.isActive(at: now) {
                let projection = block.projection(at: now)
                writer.beginObject()
                writer.field("tokens", projection.tokens)
                writer.key("cost")
                writer.raw(writer.exactCost(projection.cost))
                writer.field("remaining_minutes", projection.remainingMinutes)
                writer.endObject()
            } else {
                writer.null()
            }
            if let limit { writer.field("token_limit", limit) }
            writer.endObject()
        }
        writer.endArray()
        writer.pricingNotes(notes)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }
}
