import SessionLogCore

/// `session-stats sessions`: the sessions of a range, newest first, with the command to resume each.
public enum SessionsCommand {
    /// The parsed command line.
    public struct Options: Equatable, Sendable {
        /// Range, filters, output and sources.
        public var common = CommonOptions()
        /// `-n N`: how many sessions to list; 0 lists all.
        public var limit = 20

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `sessions` takes.
    public static let groups: CommonOptions.Groups = .all

    /// The help text.
    public static let help =
        """
        usage: session-stats sessions [-n N] [options]

        Sessions newest first: start, duration, project, operations, tokens and estimated cost,
        each followed by the command that resumes it.

        options:
          -n, --limit N       sessions to list (default: 20; 0: all)


        """ + CommonOptions.help(for: groups)

    /// Parses the arguments after `sessions`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        var options = Options()
        var cursor = ArgumentCursor(arguments)
        do throws(UsageError) {
            while let argument = try cursor.next() {
                switch argument {
                case .option("-n"), .option("--limit"): options.limit = try cursor.count(for: "-n")
                case .option(let name):
                    guard try options.common.consume(name, from: &cursor, accepting: groups) else {
                        throw .unknownOption(name)
                    }
                case .positional(let value): throw .unexpectedArgument(value)
                }
            }
        } catch {
            return .failure(error)
        }
        return .success(options)
    }

    /// Runs `sessions` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        let options: Options
        switch parse(arguments) {
        case .success(let parsed): options = parsed
        case .failure(let error): return context.fail(error, command: "sessions")
        }
        if context.answer(options.common.request, help: help) { return .success }
        var reportOptions = ReportCommand.Options()
        reportOptions.common = options.common
        reportOptions.top = options.limit
        do throws(UsageError) {
            let report = try ReportCommand.makeReport(reportOptions, context: context)
            context.warn(about: report.diagnostics, directoryCount: report.directories.count)
            if options.common.json {
                context.output(report.sessionListJSON)
            } else if report.aggregate.sessions.isEmpty {
                let what =
                    "sessions " + report.rangePhrase
                    + (options.common.filter.isEmpty ? "" : " matching the filters")
                context.output(
                    context.nothingFound(in: report.directories, diagnostics: report.diagnostics, what: what))
            } else {
                let style = TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))
                context.output(report.sessionListText(style: style))
            }
            return .success
        } catch {
            return context.fail(error, command: "sessions")
        }
    }
}
