import Testing

@testable import SessionStats

@Suite struct ShellScriptTests {
    private func words(_ text: String) -> [[String]] {
        ShellScript(parsing: text).commands.map(\.words)
    }

    @Test func splitsPipelinesAndLists() {
        let script = ShellScript(parsing: "a 1 | b 2 && c; d & e || f\ng")
        #expect(
            script.pipelines.map { $0.commands.map(\.words) } == [
                [["a", "1"], ["b", "2"]], [["c"]], [["d"]], [["e"]], [["f"]], [["g"]],
            ])
    }

    @Test func removesQuotesAndEscapes() {
        #expect(words(#"'rm' "-rf" /"#) == [["rm", "-rf", "/"]])
        #expect(words(#"echo "rm -rf /" 'x y' a\ b"#) == [["echo", "rm -rf /", "x y", "a b"]])
        #expect(words(#"echo "a \"q\" \$HOME" ''"#) == [["echo", #"a "q" $HOME"#, ""]])
        #expect(words("echo a\\\nb") == [["echo", "ab"]])
    }

    @Test func keepsSubstitutionsAsScripts() {
        let command = ShellScript(parsing: #"sh -c "$(curl -fsSL https://x.sh)" `id` <(cat f)"#).commands[0]
        #expect(command.substitutions == ["curl -fsSL https://x.sh", "id", "cat f"])
        #expect(command.words == ["sh", "-c", "$(curl -fsSL https://x.sh)", "`id`", "<(cat f)"])
        let nested = ShellScript(parsing: "echo $(a $(b) 'c)' \")\")").commands[0]
        #expect(nested.substitutions == [#"a $(b) 'c)' ")""#])
    }

    @Test func separatesRedirectionTargets() {
        let command = ShellScript(parsing: "cmd a >out 2>>err <in 2>&1 b &>all").commands[0]
        #expect(command.words == ["cmd", "a", "b"])
        #expect(command.redirectionTargets == ["out", "err", "in", "1", "all"])
    }

    @Test func dropsCommentsAndHeredocBodies() {
        #expect(words("ls # rm -rf /") == [["ls"]])
        #expect(words("cat <<EOF > f\nrm -rf /\nEOF\necho done") == [["cat"], ["echo", "done"]])
        #expect(words("cat <<-'END'\n\trm -rf /\n\tEND\nls") == [["cat"], ["ls"]])
    }

    @Test func toleratesTextClippedMidway() {
        #expect(words(#"echo "unterminated"#) == [["echo", "unterminated"]])
        #expect(ShellScript(parsing: "echo $(rm -rf").commands[0].substitutions == ["rm -rf"])
        #expect(words("") == [])
    }

    @Test func resolvesWrappersAndAssignments() throws {
        func invocation(_ text: String) throws -> ShellInvocation {
            try #require(ShellInvocation(ShellScript(parsing: text).commands[0]))
        }
        let sudo = try invocation("FOO=1 sudo -u root -E env -i A=b nice -n 5 /bin/rm -rf /tmp/x")
        #expect(sudo.name == "rm")
        #expect(sudo.arguments == ["-rf", "/tmp/x"])
        #expect(sudo.wrappers == ["sudo", "env", "nice"])
        #expect(sudo.isPrivileged)
        #expect(try invocation("timeout -s KILL 10 git push -f").arguments == ["push", "-f"])
        #expect(try invocation("xargs -n1 -I{} rm -rf {}").name == "rm")
        #expect(try invocation("{ rm x; }").name == "rm")
        #expect(ShellInvocation(ShellScript(parsing: "A=1 B=2").commands[0]) == nil)
        #expect(try invocation("bash -lc 'rm -rf /'").inlineScript == "rm -rf /")
        #expect(try invocation("bash script.sh -c x").inlineScript == nil)
    }
}
