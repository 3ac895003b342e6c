import SessionLogCore
import TestSupport
import Testing

@testable import SessionStats

/// Log strings carrying terminal escapes and bidi overrides reach every text output as visible escapes.
@Suite struct HostileTextTests {
    static let session = "evil\u{1B}]52;c;cm0gLXJmIH4=\u{07}-1"
    static let entries: [LogEntry] = [
        .fixture(
            "2026-11-22T08:00:00Z", event: .sessionStart, session: session, project: "app\u{1B}[2J",
            cwd: "/home/u/\u{202E}ppa", model: "claude-opus-4-5\u{1B}]0;pwned\u{07}"),
        .fixture(
            "2026-11-22T08:01:00Z", session: session, project: "app\u{1B}[2J", cwd: "/home/u/\u{202E}ppa",
            tool: "Bash", command: "rm -rf ~/ \u{1B}[1A\u{1B}[2K# ls", input: 10, output: 20),
        .fixture(
            "2026-11-22T08:02:00Z", event: .postToolUseFailure, session: session, project: "app\u{1B}[2J",
            cwd: "/home/u/\u{202E}ppa", tool: "Edit\u{9B}31m", file: "/home/u/\u{202E}ppa/a\u{7}.swift",
            input: 5, output: 5, error: "bad\u{1B}[8m hidden\u{2066}"),
        .fixture(
            "2026-11-22T08:03:00Z", session: session, project: "app\u{1B}[2J", cwd: "/home/u/\u{202E}ppa",
            tool: "Edit", file: "/home/u/\u{202E}ppa/b\u{1B}c.swift", input: 1, output: 1),
        .fixture(
            "2026-11-22T08:04:00Z", session: session, project: "app\u{1B}[2J", tool: "WebFetch",
            url: "https://ex\u{1B}ample.com/\u{202E}x", input: 1, output: 1),
    ]

    static let commands: [(String, [String])] = [
        ("hostile-report.txt", []), ("hostile-sessions.txt", ["sessions"]),
        ("hostile-session.txt", ["session", "evil"]), ("hostile-errors.txt", ["errors"]),
        ("hostile-audit.txt", ["audit"]),
    ]

    /// Whether `text` holds a control or bidi character other than newlines and SGR colour codes.
    static func hasRawControls(_ text: String) -> Bool {
        var rest = Substring(text)
        while let escape = rest.firstIndex(of: "\u{1B}") {
            // Our own colours are `ESC [ digits/semicolons m`; anything else is a leak.
            let after = rest[rest.index(after: escape)...]
            guard after.first == "[" else { return true }
            let body = after.dropFirst().prefix { $0.isNumber || $0 == ";" }
            guard after.dropFirst(body.count + 1).first == "m" else { return true }
            if rest[..<escape].unicodeScalars.contains(where: isRaw) { return true }
            rest = after.dropFirst(body.count + 2)
        }
        return rest.unicodeScalars.contains(where: isRaw)
    }

    static func isRaw(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && VisibleText.needsEscaping(String(scalar))
    }

    @Test(arguments: commands)
    func textOutputShowsEscapesVisibly(golden: String, arguments: [String]) throws {
        let test = TestContext(entries: Self.entries)
        #expect(test.run(arguments + ["--no-color"]) == .success || arguments == ["audit"])
        let output = test.captured.standardOutput
        #expect(!Self.hasRawControls(output), "\(output.debugDescription)")
        #expect(!Self.hasRawControls(test.captured.standardError))
        let expected = try #require(
            GoldenFile.expected(golden, actual: output), "missing \(golden); run with UPDATE_GOLDEN=1")
        #expect(output == expected)
    }

    @Test(arguments: commands)
    func colouredOutputHasNoRawControlsEither(golden: String, arguments: [String]) {
        let test = TestContext(entries: Self.entries, isTerminal: true)
        _ = test.run(arguments)
        #expect(test.captured.standardOutput.contains("\u{1B}[1m"), "colour was not on")
        #expect(
            !Self.hasRawControls(test.captured.standardOutput),
            "\(test.captured.standardOutput.debugDescription)")
    }

    @Test func usageErrorsAndWarningsAreVisibleToo() {
        var diagnostics = ReadDiagnostics()
        diagnostics.skip(LogLocation(file: "/logs/\u{1B}]0;x\u{07}.jsonl", line: 3), .notAnObject)
        let test = TestContext(entries: Self.entries, diagnostics: diagnostics)
        _ = test.run(["--no-color"])
        _ = test.run(["--project", "x\u{1B}[2J", "--no-color"])
        _ = test.run(["--bogus\u{1B}[2J"])
        let errors = test.captured.standardError
        #expect(errors.contains("/logs/\\e]0;x\\x07.jsonl:3"), "\(errors)")
        #expect(errors.contains("--bogus\\e[2J"), "\(errors)")
        #expect(!Self.hasRawControls(errors))
        #expect(!Self.hasRawControls(test.captured.standardOutput))
    }

    @Test func jsonEscapesControlsC1AndBidiAsUnicodeEscapes() {
        var writer = JSONWriter(indent: 0)
        writer.string("a\u{1B}b\u{7F}c\u{9B}d\u{202E}e\u{2066}f\u{200F}g\u{061C}h — é")
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == #""a\u001bb\u007fc\u009bd\u202ee\u2066f\u200fg\u061ch — é""#)
        let test = TestContext(entries: Self.entries)
        _ = test.run(["--json"])
        _ = test.run(["session", "evil", "--json"])
        _ = test.run(["errors", "--json"])
        _ = test.run(["audit", "--json"])
        #expect(!Self.hasRawControls(test.captured.standardOutput))
        #expect(test.captured.standardOutput.contains(#"evil\u001b]52;c;cm0gLXJmIH4=\u0007-1"#))
    }
}
