import SessionLogCore

/// A command's parsed options, built around the shared ones so `CommonOptions.parse` and
/// `StatsContext.run` can do the walking, `--help`, `--version` and error printing for it.
public protocol CommandOptions {
    /// The defaults.
    init()
    /// Range, filters, output, sources, `--help` and `--version`.
    var common: CommonOptions { get set }
}

extension CommonOptions {
    /// Parses `arguments` into a command's options. Each option goes first to `own`, which
    /// returns false for options it does not know; those go to the shared options in `groups`.
    /// Positional arguments go to `positional`, which by default refuses them.
    public static func parse<Options: CommandOptions>(
        _ arguments: [String], accepting groups: Groups,
        own: (inout Options, String, inout ArgumentCursor) throws(UsageError) -> Bool = { _, _, _ in false },
        positional: (inout Options, String) throws(UsageError) -> Void = { _, value throws(UsageError) in
            throw .unexpectedArgument(value)
        }
    ) -> Result<Options, UsageError> {
        parse(arguments, spec: nil, groups: groups, own: own, positional: positional)
    }

    /// Parses `arguments` into a command's options, accepting exactly the options `spec` lists
    /// (its help is printed from the same list): its own go to `own`, the shared ones to `consume`.
    public static func parse<Options: CommandOptions>(
        _ arguments: [String], spec: CommandLineSpec,
        own: (inout Options, String, inout ArgumentCursor) throws(UsageError) -> Bool = { _, _, _ in false },
        positional: (inout Options, String) throws(UsageError) -> Void = { _, value throws(UsageError) in
            throw .unexpectedArgument(value)
        }
    ) -> Result<Options, UsageError> {
        parse(arguments, spec: spec, groups: spec.groups, own: own, positional: positional)
    }

    private static func parse<Options: CommandOptions>(
        _ arguments: [String], spec: CommandLineSpec?, groups: Groups,
        own: (inout Options, String, inout ArgumentCursor) throws(UsageError) -> Bool,
        positional: (inout Options, String) throws(UsageError) -> Void
    ) -> Result<Options, UsageError> {
        var options = Options()
        var cursor = ArgumentCursor(arguments)
        do throws(UsageError) {
            while let argument = try cursor.next() {
                switch argument {
                case .option(let name):
                    if let spec {
                        // What the help does not list is refused, even if a parser below would take it.
                        guard spec.option(named: name) != nil else { throw .unknownOption(name) }
                        if spec.own.contains(where: { $0.matches(name) }) {
                            guard try own(&options, name, &cursor) else { throw .unknownOption(name) }
                            continue
                        }
                    } else if try own(&options, name, &cursor) {
                        continue
                    }
                    guard try options.common.consume(name, from: &cursor, accepting: groups) else {
                        throw .unknownOption(name)
                    }
                case .positional(let value): try positional(&options, value)
                }
            }
        } catch {
            return .failure(error)
        }
        // `--version` would silently drop the rest; a script that meant something else hears it.
        if options.common.request == .version && arguments.count > 1 {
            return .failure(.versionWithArguments)
        }
        return .success(options)
    }
}

extension StatsContext {
    /// Runs a command whose arguments parsed to `parsed`: prints a usage error, the help or the
    /// version when that is what they came to, else runs `body`, printing any usage error it throws.
    public func run<Options: CommandOptions>(
        _ parsed: Result<Options, UsageError>, command: String, help: String,
        _ body: (Options) throws(UsageError) -> ExitCode
    ) -> ExitCode {
        switch parsed {
        case .failure(let error):
            return fail(error, command: command, candidates: ClosestName.options(in: help))
        case .success(let options):
            if answer(options.common.request, help: help) { return .success }
            // Tables fit the terminal for the whole run (`TextTable.fittingWidth`).
            let result = TextTable.$fittingWidth.withValue(tableWidth) { () -> Result<ExitCode, UsageError> in
                do throws(UsageError) {
                    try options.common.checkRange(today: clock.today)
                    return .success(try body(options))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let code): return code
            case .failure(let error): return fail(error, command: command)
            }
        }
    }
}
