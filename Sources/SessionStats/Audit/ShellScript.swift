/// A shell command line split into pipelines of simple commands, as far as the audit needs to see it.
///
/// Words have their quotes and escapes removed, so `'rm' "-rf" /` reads as `rm -rf /`, while text
/// inside quotes stays one word, so `echo "rm -rf /"` is an `echo`. Command substitutions
/// (`$(…)`, backticks, `<(…)`, `>(…)`) are kept as scripts of their own, since they run too.
/// Heredoc bodies and comments are dropped. Unterminated quotes and substitutions (a command
/// clipped at 500 characters) run to the end of the text.
public struct ShellScript: Equatable, Sendable {
    /// Commands joined by `|` or `|&`; their output feeds the next one.
    public struct Pipeline: Equatable, Sendable {
        /// The commands, in order.
        public var commands: [SimpleCommand]
    }

    /// One command: its words, and what its redirections and substitutions name.
    public struct SimpleCommand: Equatable, Sendable {
        /// The words, assignments and wrappers such as `sudo` included, redirections left out.
        public var words: [String] = []
        /// The targets of its redirections (`> file`, `2>>log`, `< input`).
        public var redirectionTargets: [String] = []
        /// Of those, the ones written to: `>`, `>>`, `>|`, `&>` (not `<`).
        public var outputTargets: [String] = []
        /// The text of each command or process substitution in its words.
        public var substitutions: [String] = []

        /// Creates a command from its words.
        public init(words: [String] = [], redirectionTargets: [String] = [], substitutions: [String] = []) {
            self.words = words
            self.redirectionTargets = redirectionTargets
            self.substitutions = substitutions
        }

        /// Whether it has nothing at all.
        var isEmpty: Bool { words.isEmpty && redirectionTargets.isEmpty && substitutions.isEmpty }
    }

    /// The pipelines, in order; `;`, `&&`, `||`, `&`, newlines and parentheses separate them.
    public var pipelines: [Pipeline]

    /// Every simple command of every pipeline, in order.
    public var commands: [SimpleCommand] { pipelines.flatMap(\.commands) }

    /// Parses `text`; never fails.
    public init(parsing text: String) {
        var parser = ShellScriptParser(Array(text.utf8))
        pipelines = parser.parse()
    }

    /// Creates a script from parsed pipelines.
    public init(pipelines: [Pipeline]) { self.pipelines = pipelines }
}
