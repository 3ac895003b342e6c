/// Estimated input and output tokens, as the activity log counts them.
public struct TokenCount: Hashable, Sendable {
    /// Tokens in: a tool's input, which the model wrote, and the user's prompts, which it reads.
    public var input: Int
    /// Tokens out: a tool's response or error, which the model reads.
    public var output: Int
    /// Of `input`, the tokens of user prompts.
    public var prompt: Int

    /// Creates a count.
    public init(input: Int = 0, output: Int = 0, prompt: Int = 0) {
        self.input = input
        self.output = output
        self.prompt = prompt
    }

    /// The tokens of one log entry.
    @inline(__always)
    public init(_ entry: LogEntry) {
        self.init(
            input: entry.inputTokens, output: entry.outputTokens, isPrompt: entry.event == .userPromptSubmit)
    }

    /// The tokens of one log line; a UserPromptSubmit line's input is all prompt.
    @inline(__always)
    public init(input: Int, output: Int, isPrompt: Bool) {
        self.init(input: input, output: output, prompt: isPrompt ? input : 0)
    }

    /// Input plus output.
    public var total: Int { input +| output }

    /// Tokens the model read, priced at the input rate: tool responses, errors and prompts.
    public var read: Int { output +| min(prompt, input) }

    /// Tokens the model wrote, priced at the output rate: tool input.
    public var written: Int { input - min(prompt, input) }

    /// Adds another count to this one.
    @inline(__always)
    public static func += (lhs: inout TokenCount, rhs: TokenCount) {
        lhs.input +|= rhs.input
        lhs.output +|= rhs.output
        lhs.prompt +|= rhs.prompt
    }
}
