import SessionLogCore

/// `session-stats audit`: risky actions in the logs, newest first, with a severity each.
public enum AuditCommand {
    /// The parsed command line.
    public struct Options: CommandOptions, Equatable, Sendable {
        /// Range, filters, output and sources.
        public var common = CommonOptions()
        /// `--fail-on`: the lowest severity that makes the run exit 1; nil for `none`.
        public var failOn: AuditSeverity? = .high

        /// Creates the defaults.
        public init() {}
    }

    /// The shared options `audit` takes.
    public static let groups: CommonOptions.Groups = .all

    /// The words `--fail-on` accepts.
    public static let failOnChoices = ["high", "medium", "info", "none"]

    /// The options `audit` takes: its help lists these and its parser takes nothing else.
    public static let commandLine = CommandLineSpec(
        own: [
            OptionSpec(
                "--fail-on", value: "LEVEL",
                help: "exit 1 when a finding is at or above LEVEL (default: high; none: never)")
        ], groups: groups)

    /// The help text.
    public static let help =
        """
        usage: session-stats audit [options] [--fail-on high|medium|info|none]

        Risky actions in the logs, newest first: time, severity, session, project, tool, the rule
        and what matched. Only calls that ran are audited (PostToolUse, PostToolUseFailure, legacy).
          high    Read/Edit/Write of credentials (.env, .env.* but not .env.example/.sample/
                  .template/.dist, *.pem, *.key, *.p12, *.pfx, id_rsa*/id_ed25519*/… but not *.pub,
                  .npmrc, .netrc, .pgpass, .pypirc, .git-credentials, .aws/credentials, .ssh/,
                  kubeconfig); rm -r of /, a top-level system directory, ~, $HOME or ..;
                  git push --force/-f/+ref; git reset --hard; dd of=/dev/…; mkfs; chmod -R 777;
                  curl/wget piped into a shell (or run by one through $(…) or <(…))
          medium  other rm -rf; sudo or doas; Write/Edit outside the session's directory;
                  git push --force-with-lease; a Bash command naming a credential file
          info    WebFetch URLs and their domains
        Commands are read as the shell splits them: quoted text is data (echo "rm -rf /" is an
        echo), while bash -c, eval, $(…) and backticks are looked into.


        """ + commandLine.help() + "\n" + AuditReport.blindSpots
            + """

            exit status: 0 nothing at or above --fail-on, 1 something is, 64 usage error.

            """

    /// Parses the arguments after `audit`.
    public static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        CommonOptions.parse(arguments, spec: commandLine) {
            (options: inout Options, name, cursor) throws(UsageError) in
            guard name == "--fail-on" else { return false }
            let text = try cursor.value(for: name)
            guard failOnChoices.contains(text) else {
                throw .badChoice(option: name, value: text, choices: failOnChoices)
            }
            options.failOn = AuditSeverity(name: text)
            return true
        }
    }

    /// Runs `audit` with `arguments` in the running process.
    public static func run(_ arguments: [String]) -> ExitCode { run(arguments, context: .live()) }

    /// Runs `audit` with `arguments` in `context`.
    public static func run(_ arguments: [String], context: StatsContext) -> ExitCode {
        context.run(parse(arguments), command: "audit", help: help) { options throws(UsageError) in
            let directories = try context.logDirectories(options.common)
            let report = makeReport(options, directories: directories, context: context)
            context.warn(about: report.diagnostics, directoryCount: directories.count)
            if options.common.json {
                context.output(report.json)
            } else if report.diagnostics.missingDirectories.count == directories.count {
                context.output(
                    context.nothingFound(in: directories, diagnostics: report.diagnostics, what: "logs"))
            } else {
                context.output(
                    report.text(
                        style: TextStyle(enabled: context.useColor(noColorFlag: options.common.noColor))))
            }
            return report.fails ? .finding : .success
        }
    }

    /// Reads the range and collects its findings.
    public static func makeReport(_ options: Options, directories: [String], context: StatsContext)
        -> AuditReport
    {
        let days = options.common.range.days(today: context.clock.today)
        let filter = options.common.filter
        var findings: [AuditFinding] = []
        // The first cwd a session logs is its project directory; later lines may have moved below it.
        var sessionCwds: [String: String] = [:]
        let fields = AuditRules.fields.union(filter.fields)
        let diagnostics = context.source.read(directories, days, context.clock.dayResolver, fields: fields) {
            entry in
            if !entry.sessionID.isEmpty, let cwd = entry.cwd, !cwd.isEmpty,
                sessionCwds[entry.sessionID] == nil
            {
                sessionCwds[entry.sessionID] = cwd
            }
            guard filter.matches(entry) else { return }
            findings += AuditRules.findings(in: entry, sessionCwd: sessionCwds[entry.sessionID])
        }
        return AuditReport(
            range: options.common.range, days: days, findings: findings, failOn: options.failOn,
            diagnostics: diagnostics, clock: context.clock)
    }
}
