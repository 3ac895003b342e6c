import Testing

@testable import SessionLogCore

/// The hook's `CommandLine` comes from `InitialArguments` (see Sources/session-logger): it must
/// find `argv` in the initial stack's layout and refuse anything else.
@Suite struct InitialArgumentsTests {
    /// Lays out `words` (argc, argv, NULL, environment, NULL) with `strings` above them, as the
    /// kernel does, and calls `body` with the address of the environment's first pointer.
    static func withStack<Result>(
        argc: Int, arguments: [String], terminated: Bool = true,
        _ body: (InitialArguments.Vector, UnsafeMutablePointer<UInt>) -> Result
    ) -> Result {
        // One block, the strings above the pointer arrays as on a real stack.
        let block = UnsafeMutableRawPointer.allocate(byteCount: 8192, alignment: 16)
        defer { block.deallocate() }
        let words = block.bindMemory(to: UInt.self, capacity: 64)
        let strings = (block + 1024).bindMemory(to: CChar.self, capacity: 4096)
        var next = 0
        var index = 0
        words[index] = UInt(argc)
        index += 1
        for argument in arguments + ["HOME=/home/user"] {
            if argument == "HOME=/home/user" {
                words[index] = terminated ? 0 : 1
                index += 1
            }
            let start = next
            for byte in argument.utf8CString {
                strings[next] = byte
                next += 1
            }
            words[index] = UInt(bitPattern: strings + start)
            index += 1
        }
        words[index] = 0
        let environment = UnsafeMutableRawPointer(words + arguments.count + 2)
            .assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
        return body(environment, words)
    }

    @Test(arguments: [["session-logger"], ["session-logger", "--x", ""], []])
    func findsTheArgumentsBelowTheEnvironment(_ arguments: [String]) throws {
        let found = Self.withStack(argc: arguments.count, arguments: arguments) { environment, words in
            InitialArguments.locate(below: environment).map { located in
                (
                    UnsafeMutableRawPointer(located.vector) == UnsafeMutableRawPointer(words + 1),
                    (0..<Int(located.count)).map { String(cString: located.vector[$0]!) }
                )
            }
        }
        let (atArgv, strings) = try #require(found)
        #expect(atArgv)
        #expect(strings == arguments)
    }

    @Test func refusesACountThatDoesNotMatch() {
        let found = Self.withStack(argc: 3, arguments: ["a", "b"]) { environment, _ in
            InitialArguments.locate(below: environment)
        }
        #expect(found == nil)
    }

    @Test func refusesAVectorWithoutItsNull() {
        let found = Self.withStack(argc: 2, arguments: ["a", "b"], terminated: false) { environment, _ in
            InitialArguments.locate(below: environment)
        }
        #expect(found == nil)
    }
}
