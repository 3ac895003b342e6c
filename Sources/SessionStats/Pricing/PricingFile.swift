import SessionLogCore

/// The user's `pricing.json`: prices that override or add to the built-in table (docs/pricing.md).
///
/// ```json
/// {"claude-opus-6": {"name": "Opus 6", "family": "opus", "fast_multiplier": 2,
///   "rates": [{"from": "2026-12-01", "input": 5, "output": 25, "cache_write_5m": 6.25,
///              "cache_write_1h": 10, "cache_read": 0.5}]}}
/// ```
/// Rates are USD per million tokens with up to six decimals. A model object may hold one set of
/// rates directly instead of `rates`. Omitted cache rates follow Anthropic's usual multipliers of
/// the input rate: 1.25× for 5-minute writes, 2× for 1-hour writes, 0.1× for reads.
public enum PricingFile {
    /// The file name, looked for in the log directory, then in `~/.config/sessionlog/`.
    public static let fileName = "pricing.json"

    /// The paths to look at, in order; the first that exists is used.
    public static func candidates(logDirectory: String, variables: (String) -> String?) -> [String] {
        var paths = [TranscriptRoots.join(logDirectory, fileName)]
        if let home = variables("HOME") { paths.append(home + "/.config/sessionlog/" + fileName) }
        return paths
    }

    /// The built-in table merged with the first pricing file found; throws when that file is malformed.
    public static func table(logDirectory: String, variables: (String) -> String?) throws(PricingFileError)
        -> PriceTable
    {
        for path in candidates(logDirectory: logDirectory, variables: variables) {
            guard FileAccess.status(path) != nil else { continue }
            guard let bytes = UsageLedger.contents(ofFile: path) else {
                throw PricingFileError(
                    path: path, line: nil, reason: AppendError.describe(FileAccess.lastError))
            }
            let overrides = try parse(bytes, path: path)
            return PriceTable.builtIn.merging(overrides)
        }
        return PriceTable.builtIn
    }

    /// Parses a pricing file's bytes; `path` names it in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(PricingFileError) -> [String: ModelPrice]
    {
        var result: Result<[String: ModelPrice], PricingFileError> = .success([:])
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(scanner: JSONScanner(buffer), path: path)
            do throws(PricingFileError) {
                result = .success(try parser.file())
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private struct Parser {
        var scanner: JSONScanner
        let path: String

        func fail(_ reason: String, at offset: Int? = nil) -> PricingFileError {
            let end = min(offset ?? scanner.offset, scanner.bytes.count)
            var line = 1
            for index in 0..<end where scanner.bytes[index] == UInt8(ascii: "\n") { line += 1 }
            return PricingFileError(path: path, line: line, reason: reason)
        }

        func map(_ error: JSONScanError) -> PricingFileError {
            switch error {
            case .unexpectedEnd: fail("the file ends too early", at: scanner.bytes.count)
            case .unexpectedByte(_, let at): fail("not valid JSON", at: at)
            }
        }

        mutating func enter() throws(PricingFileError) -> ObjectCursor {
            do throws(JSONScanError) { return try scanner.enterObject() } catch { throw map(error) }
        }

        mutating func next(_ cursor: inout ObjectCursor) throws(PricingFileError) -> JSONStringToken? {
            do throws(JSONScanError) { return try scanner.nextKey(&cursor) } catch { throw map(error) }
        }

        mutating func integer() throws(PricingFileError) -> Int? {
            do throws(JSONScanError) { return try scanner.scanInteger() } catch { throw map(error) }
        }

        mutating func optionalString() throws(PricingFileError) -> JSONStringToken? {
            do throws(JSONScanError) { return try scanner.scanOptionalString() } catch { throw map(error) }
        }

        mutating func number() throws(PricingFileError) -> Range<Int> {
            do throws(JSONScanError) { return try scanner.scanNumber() } catch { throw map(error) }
        }

        mutating func file() throws(PricingFileError) -> [String: ModelPrice] {
            guard syntaxPeek() == UInt8(ascii: "{") else { throw fail("expected an object of models") }
            var models: [String: ModelPrice] = [:]
            var cursor = try enter()
            while let key = try next(&cursor) {
                let id = scanner.decode(key)
                models[id] = try model(id)
            }
            guard scanner.isAtEnd() else { throw fail("unexpected text after the object") }
            return models
        }

        mutating func syntaxPeek() -> UInt8? { scanner.peek() }

        mutating func model(_ id: String) throws(PricingFileError) -> ModelPrice {
            guard syntaxPeek() == UInt8(ascii: "{") else { throw fail("\(id): expected an object") }
            let start = scanner.offset
            var name = id
            var family = PriceTable.family(of: PriceTable.normalize(id)) ?? ""
            var fast: Int?
            var dated: [(CivilDate, PriceRates)] = []
            var direct = RateFields()
            var cursor = try enter()
            while let key = try next(&cursor) {
                let keyText = scanner.decode(key)
                switch keyText {
                case "name": name = try string(keyText)
                case "family": family = try string(keyText)
                case "fast_multiplier":
                    guard let value = try integer(), value > 0 else {
                        throw fail("\(id): fast_multiplier must be a whole number above 0")
                    }
                    fast = value
                case "rates":
                    guard syntaxPeek() == UInt8(ascii: "[") else {
                        throw fail("\(id): rates must be an array")
                    }
                    scanner.offset += 1
                    if syntaxPeek() == UInt8(ascii: "]") {
                        scanner.offset += 1
                    } else {
                        while true {
                            dated.append(try rates(id))
                            let byte = syntaxPeek()
                            scanner.offset += 1
                            if byte == UInt8(ascii: "]") { break }
                            guard byte == UInt8(ascii: ",") else {
                                throw fail("not valid JSON", at: scanner.offset - 1)
                            }
                        }
                    }
                default:
                    guard try direct.read(keyText, from: &self, model: id) else {
                        throw fail("\(id): unknown key \(keyText)")
                    }
                }
            }
            if direct.isGiven {
                dated.append((CivilDate(year: 2024, month: 1, day: 1), try direct.rates(id, parser: self)))
            }
            guard !dated.isEmpty else { throw fail("\(id): no rates", at: start) }
            dated.sort { $0.0 < $1.0 }
            return ModelPrice(
                name: name, family: family, rates: dated.map { (from: $0.0, rates: $0.1) },
                fastMultiplier: fast)
        }

        mutating func rates(_ id: String) throws(PricingFileError) -> (CivilDate, PriceRates) {
            guard syntaxPeek() == UInt8(ascii: "{") else {
                throw fail("\(id): each rates entry must be an object")
            }
            var fields = RateFields()
            var from = CivilDate(year: 2024, month: 1, day: 1)
            var cursor = try enter()
            while let key = try next(&cursor) {
                let keyText = scanner.decode(key)
                if keyText == "from" {
                    let text = try string(keyText)
                    guard let date = CivilDate(text) else {
                        throw fail("\(id): from must be a date (YYYY-MM-DD)")
                    }
                    from = date
                } else if try !fields.read(keyText, from: &self, model: id) {
                    throw fail("\(id): unknown key \(keyText)")
                }
            }
            return (from, try fields.rates(id, parser: self))
        }

        mutating func string(_ key: String) throws(PricingFileError) -> String {
            guard let token = try optionalString() else { throw fail("\(key) must be a string") }
            return scanner.decode(token)
        }

        /// A USD amount per million tokens, as millionths of a dollar (picodollars per token).
        mutating func amount(_ key: String, model: String) throws(PricingFileError) -> Int {
            guard syntaxPeek().map({ $0 == UInt8(ascii: "-") || ($0 >= 0x30 && $0 <= 0x39) }) == true else {
                throw fail("\(model): \(key) must be a number (USD per million tokens)")
            }
            let range = try number()
            let text = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self)
            let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0, whole < 1_000_000,
                parts.count == 1
                    || (parts[1].count <= 6 && parts[1].allSatisfy({ $0.isNumber }) && !parts[1].isEmpty)
            else {
                throw fail(
                    "\(model): \(key) must be a plain amount of 0 or more with up to 6 decimals: \(text)")
            }
            var value = whole * 1_000_000
            if parts.count == 2 {
                let fraction = parts[1] + String(repeating: "0", count: 6 - parts[1].count)
                value += Int(fraction)!
            }
            return value
        }
    }

    private struct RateFields {
        var input: Int?
        var output: Int?
        var write5m: Int?
        var write1h: Int?
        var read: Int?

        var isGiven: Bool { input != nil || output != nil || write5m != nil || write1h != nil || read != nil }

        mutating func read(_ key: String, from parser: inout Parser, model: String) throws(PricingFileError)
            -> Bool
        {
            switch key {
            case "input": input = try parser.amount(key, model: model)
            case "output": output = try parser.amount(key, model: model)
            case "cache_write_5m": write5m = try parser.amount(key, model: model)
            case "cache_write_1h": write1h = try parser.amount(key, model: model)
            case "cache_read": read = try parser.amount(key, model: model)
            default: return false
            }
            return true
        }

        func rates(_ model: String, parser: Parser) throws(PricingFileError) -> PriceRates {
            guard let input, let output else { throw parser.fail("\(model): input and output are required") }
            return PriceRates(
                input: input, output: output, cacheWrite5m: write5m ?? input * 5 / 4,
                cacheWrite1h: write1h ?? input * 2,
                cacheRead: read ?? input / 10)
        }
    }
}

/// A pricing file that cannot be used: `path:line: reason`.
public struct PricingFileError: Error, Equatable, Sendable {
    /// The file.
    public var path: String
    /// The 1-based line of the problem, when known.
    public var line: Int?
    /// What is wrong.
    public var reason: String

    /// A short lowercase message.
    public var message: String {
        "bad price file " + path + (line.map { ":\($0)" } ?? "") + ": " + reason
    }
}
