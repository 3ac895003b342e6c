import TestSupport
import Testing

@testable import SessionLogCore

@Suite("Redactor")
struct RedactorTests {
    @Test("Masks every rule's secret", arguments: RedactorTests.maskedCases)
    func masksSecrets(_ testCase: Case) {
        #expect(Redactor.redact(testCase.input) == testCase.expected)
    }

    @Test("Keeps near misses unchanged", arguments: RedactorTests.keptCases)
    func keepsNearMisses(_ testCase: Case) {
        #expect(Redactor.redact(testCase.input) == testCase.expected)
    }

    @Test("Keeps non-ASCII text around secrets intact", arguments: RedactorTests.unicodeCases)
    func keepsUnicode(_ testCase: Case) {
        #expect(Redactor.redact(testCase.input) == testCase.expected)
    }

    @Test(
        "Redacting redacted text changes nothing",
        arguments: RedactorTests.maskedCases + RedactorTests.keptCases + RedactorTests.unicodeCases)
    func isIdempotent(_ testCase: Case) {
        let once = Redactor.redact(testCase.input)
        #expect(Redactor.redact(once) == once)
    }

    @Test(
        "Every byte prefix redacts without crashing and idempotently",
        arguments: RedactorTests.maskedCases + RedactorTests.unicodeCases)
    func handlesTruncatedInput(_ testCase: Case) {
        let bytes = Array(testCase.input.utf8)
        for length in 0...bytes.count {
            // Cutting inside a multi-byte character leaves invalid UTF-8, which decoding repairs.
            let prefix = String(decoding: bytes[..<length], as: UTF8.self)
            let once = Redactor.redact(prefix)
            #expect(Redactor.redact(once) == once, "prefix of \(length) bytes")
        }
    }

    @Test("Randomly spliced fragments redact idempotently")
    func isIdempotentOnSplicedFragments() {
        let fragments =
            Self.maskedCases.map(\.input) + Self.keptCases.map(\.input) + [
                " ", "\"", "'", "\\", "\\\"", "=", ":", "://", "@", "?", "&", "#", "[", "]", "{", "}", "\n",
                "--token", "password", "Bearer ", "Authorization: ", "[REDACTED]", "ghp_", "AKIA", "sk-", "é",
                "abcdefghijklmnopqrstuvwxyz0123456789", "x_token=", "aws_secret_access_key ", "user:pw@",
            ]
        var generator = SplitMix64(seed: 0x5EC2_E7)
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                text += fragments.randomElement(using: &generator)!
            }
            let once = Redactor.redact(text)
            #expect(Redactor.redact(once) == once, "\(text)")
        }
    }

    @Test("Decoding-repaired invalid UTF-8 around a secret is kept and the secret masked")
    func handlesRepairedInvalidInput() {
        let bytes: [UInt8] = [0xFF, 0xC3] + Array(" --token=abc ".utf8) + [0xE2, 0x82]
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(Redactor.redact(text) == "\u{FFFD}\u{FFFD} --token=[REDACTED] \u{FFFD}")
    }

    @Test("The mask is the literal [REDACTED]")
    func maskText() {
        #expect(Redactor.mask == "[REDACTED]")
        #expect(Redactor.redact("--token=x") == "--token=" + Redactor.mask)
    }

    @Test("A 1 MB command without secrets comes back equal, and a secret at its end is still masked")
    func largeCommand() {
        let line =
            "cd /srv/app && git log --oneline -n 20 | grep -i 'fix token' ; curl -s \"https://example.com/a?page=2&q=x\""
            + " -H 'Accept: application/json' --data key_id=7 ; echo héllo → ok\n"
        let count = (1 << 20) / line.utf8.count + 1
        let big = String(repeating: line, count: count)
        #expect(big.utf8.count >= 1 << 20)
        #expect(Redactor.redact(big) == big)
        #expect(Redactor.redact(big + "--password=hunter2") == big + "--password=[REDACTED]")
    }
}

extension RedactorTests {
    /// An input and the exact text `Redactor.redact` must turn it into.
    struct Case: Sendable, CustomTestStringConvertible {
        /// The text handed to the redactor.
        let input: String
        /// The expected redacted text, equal to `input` for near misses.
        let expected: String

        /// The input, which names the case in test output.
        var testDescription: String { input }

        /// Creates a case that must change `input` into `expected`.
        init(_ input: String, _ expected: String) {
            self.input = input
            self.expected = expected
        }

        /// Creates a near miss that must come back unchanged.
        init(kept input: String) {
            self.input = input
            self.expected = input
        }
    }

    /// Secrets that must be masked, one or more cases per rule.
    static let maskedCases: [Case] = [
        // AWS access key ids and secret keys.
        .init(
            "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
            "export AWS_ACCESS_KEY_ID=[REDACTED]"),
        .init("echo ASIAY34FZKBOKMUTVV7A done", "echo [REDACTED] done"),
        .init("aws iam get-user --user AIDAJQABLZS4A3QDU576", "aws iam get-user --user [REDACTED]"),
        .init("role=AROA3XFRBF535PLBIFPI,group=AGPA3XFRBF535PLBIFP4", "role=[REDACTED],group=[REDACTED]"),
        .init(
            "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY aws s3 ls",
            "aws_secret_access_key=[REDACTED] aws s3 ls"),
        .init(
            "export AWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
            "export AWS_SECRET_ACCESS_KEY=\"[REDACTED]\""),
        .init(
            "aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws configure set aws_secret_access_key [REDACTED]"),
        .init(
            "printf 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\\n' >> creds",
            "printf 'aws_secret_access_key = [REDACTED]\\n' >> creds"),
        // GitHub tokens.
        .init(
            "git clone https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com/o/r.git",
            "git clone https://[REDACTED]@github.com/o/r.git"),
        .init(
            "gh auth login --with-token <<< gho_16C7e42F292c6912E7710c838347Ae178B4a",
            "gh auth login --with-token <<< [REDACTED]"),
        .init(
            "echo ghu_abcdefghijklmnopqrst1234 ghs_ABCDEFGHIJKLMNOPQRST5678 ghr_0123456789abcdefghij",
            "echo [REDACTED] [REDACTED] [REDACTED]"),
        .init(
            "echo github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF | gh auth login",
            "echo [REDACTED] | gh auth login"),
        // Anthropic and OpenAI keys.
        .init(
            "echo sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_xyz | pbcopy",
            "echo [REDACTED] | pbcopy"),
        .init(
            "openai --key sk-proj-Ab3dEf6hIj9kLmNoPqRsTuVwXyZ012345 chat",
            "openai --key [REDACTED] chat"),
        .init(
            "curl api.openai.com -d k=1 (sk-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL)",
            "curl api.openai.com -d k=1 ([REDACTED])"),
        // Slack tokens.
        .init(
            "SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx ./bot",
            "SLACK=[REDACTED] ./bot"),
        .init(
            "echo xoxp-1234567890-abcdef xoxa-2-abcdefghij xoxr-abcdefghij xoxs-abcdefghij",
            "echo [REDACTED] [REDACTED] [REDACTED] [REDACTED]"),
        .init("app --slack xapp-1-A0123456789-0123456789012-abcdef", "app --slack [REDACTED]"),
        // Authorization headers, bare bearer tokens and API-key headers.
        .init(
            "curl -H \"Authorization: Bearer abc\" https://api.example.com/v1",
            "curl -H \"Authorization: Bearer [REDACTED]\" https://api.example.com/v1"),
        .init(
            "curl -H 'authorization: basic dXNlcjpwYXNz' https://example.com",
            "curl -H 'authorization: basic [REDACTED]' https://example.com"),
        .init(
            "curl -H\"AUTHORIZATION:Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln\" x",
            "curl -H\"AUTHORIZATION:Bearer [REDACTED]\" x"),
        .init(
            "curl -H \"Authorization: token gho_16C7e42F292c6912E7710c838347Ae178B4a\" api",
            "curl -H \"Authorization: token [REDACTED]\" api"),
        .init("curl -H \"Authorization: abc123\" x", "curl -H \"Authorization: [REDACTED]\" x"),
        .init(
            "curl -H 'Authorization: abcdefghijklmnopqrstuvwxyz' -H \"Authorization: SharedKey acct:c2ln\" x",
            "curl -H 'Authorization: [REDACTED]' -H \"Authorization: SharedKey [REDACTED]\" x"),
        .init(
            "curl -H \"Proxy-Authorization: Basic Zm9vOmJhcg==\" -x proxy:3128 x",
            "curl -H \"Proxy-Authorization: Basic [REDACTED]\" -x proxy:3128 x"),
        .init(
            "curl -H 'Authorization: AWS4-HMAC-SHA256 Credential=K/2013/s3, Signature=fe5f80f7' https://s3",
            "curl -H 'Authorization: AWS4-HMAC-SHA256 [REDACTED]' https://s3"),
        .init(
            "curl -H 'Authorization: Digest username=\"bob\", response=\"6629fae4\"' https://x",
            "curl -H 'Authorization: Digest [REDACTED]' https://x"),
        .init(
            "echo \"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0\" > t",
            "echo \"Bearer [REDACTED]\" > t"),
        .init("wget --header=\"bearer abc12345\" x", "wget --header=\"bearer [REDACTED]\" x"),
        .init(
            "curl -H \"x-api-key: sk_live_123\" https://api.example.com",
            "curl -H \"x-api-key: [REDACTED]\" https://api.example.com"),
        .init("curl -H 'X-API-KEY:abc123' x", "curl -H 'X-API-KEY:[REDACTED]' x"),
        .init(
            "curl -H \"api-key: abcd\" -H \"Accept: */*\" x",
            "curl -H \"api-key: [REDACTED]\" -H \"Accept: */*\" x"),
        .init(
            "curl --header \"PRIVATE-TOKEN: glpat-abcdefgh\" https://gitlab.com/api",
            "curl --header \"PRIVATE-TOKEN: [REDACTED]\" https://gitlab.com/api"),
        // Password, token, API-key and secret flags.
        .init("mysql --password=hunter2 -u root", "mysql --password=[REDACTED] -u root"),
        .init("mysql --password hunter2 db", "mysql --password [REDACTED] db"),
        .init("tool --password='a b' next", "tool --password='[REDACTED]' next"),
        .init("tool --password=\"a \\\" b\" next", "tool --password=\"[REDACTED]\" next"),
        .init("tool --token abc --verbose", "tool --token [REDACTED] --verbose"),
        .init("tool --token=abc", "tool --token=[REDACTED]"),
        .init(
            "tool --api-key k1 --api_key=k2 --secret s3 -x",
            "tool --api-key [REDACTED] --api_key=[REDACTED] --secret [REDACTED] -x"),
        .init(
            "deploy --github-token \\\n  abc123 --dry-run", "deploy --github-token \\\n  [REDACTED] --dry-run"
        ),
        .init(
            "keytool -storepass x -keypass y -password z",
            "keytool -storepass x -keypass y -password [REDACTED]"),
        // `password=` and `passwd=` assignments.
        .init(
            "psql \"host=db password=hunter2 user=app\"",
            "psql \"host=db password=[REDACTED] user=app\""),
        .init("echo passwd=abc; ls", "echo passwd=[REDACTED]; ls"),
        .init(
            "java -Dspring.datasource.password=pw -jar app.jar",
            "java -Dspring.datasource.password=[REDACTED] -jar app.jar"),
        // Environment-style assignments.
        .init("GITHUB_TOKEN=abc123 gh pr list", "GITHUB_TOKEN=[REDACTED] gh pr list"),
        .init("export DB_PASSWORD='p@ss w0rd'", "export DB_PASSWORD='[REDACTED]'"),
        .init("STRIPE_SECRET=sk_live_x; node app.js", "STRIPE_SECRET=[REDACTED]; node app.js"),
        .init(
            "OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLmNoPqRsTuVwXyZ012345 python x.py",
            "OPENAI_API_KEY=[REDACTED] python x.py"),
        .init(
            "my_apikey=abc FOO_PASSWD=x footoken=y make",
            "my_apikey=[REDACTED] FOO_PASSWD=[REDACTED] footoken=[REDACTED] make"),
        .init("NPM_TOKEN=abc\\ def npm publish", "NPM_TOKEN=[REDACTED] npm publish"),
        .init("env API_KEY=abc|grep x", "env API_KEY=[REDACTED]|grep x"),
        .init("docker run -e DJANGO_SECRET_KEY=abc img", "docker run -e DJANGO_SECRET_KEY=[REDACTED] img"),
        // Passwords in URLs.
        .init(
            "git clone https://user:hunter2@github.com/o/r",
            "git clone https://user:[REDACTED]@github.com/o/r"),
        .init(
            "psql postgres://admin:s3cr3t@db.example.com:5432/app",
            "psql postgres://admin:[REDACTED]@db.example.com:5432/app"),
        .init(
            "git push https://x-access-token:abc@github.com/o/r HEAD",
            "git push https://x-access-token:[REDACTED]@github.com/o/r HEAD"),
        .init(
            "redis-cli -u redis://:p:w@cache:6379",
            "redis-cli -u redis://:[REDACTED]@cache:6379"),
        .init(
            "git clone https://ghp_16C7e42F292c6912E7710c838347Ae178B4a:x-oauth-basic@github.com/o/r",
            "git clone https://[REDACTED]:[REDACTED]@github.com/o/r"),
        // URL query and form parameters.
        .init(
            "curl \"https://api.example.com/v1?token=abc&page=2\"",
            "curl \"https://api.example.com/v1?token=[REDACTED]&page=2\""),
        .init("https://example.com/?api_key=abc", "https://example.com/?api_key=[REDACTED]"),
        .init("https://example.com/?apikey=abc#top", "https://example.com/?apikey=[REDACTED]#top"),
        .init("https://example.com/s?sessionToken=abc'", "https://example.com/s?sessionToken=[REDACTED]'"),
        .init(
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=AK%2F2024&X-Amz-Signature=fe5f&X-Amz-Date=1",
            "https://b.s3.amazonaws.com/k?X-Amz-Credential=[REDACTED]&X-Amz-Signature=[REDACTED]&X-Amz-Date=1"
        ),
        .init(
            "https://h/cb?client_secret=s&sig=x&access_token=t&keys=k&auth_mode=m",
            "https://h/cb?client_secret=[REDACTED]&sig=[REDACTED]&access_token=[REDACTED]&keys=[REDACTED]&auth_mode=m"
        ),
        .init("https://h/cb#access_token=abc&state=1", "https://h/cb#access_token=[REDACTED]&state=1"),
        .init("https://h/p?password=a%20b c", "https://h/p?password=[REDACTED] c"),
        .init(
            "curl -d 'user=bob&passwd=x&user[password]=y' h",
            "curl -d 'user=bob&passwd=[REDACTED]&user[password]=[REDACTED]' h"),
        // JSON bodies.
        .init(
            "curl -d '{\"username\":\"bob\",\"password\":\"hunter2\"}' h",
            "curl -d '{\"username\":\"bob\",\"password\":\"[REDACTED]\"}' h"),
        .init(
            "curl -d \"{\\\"api_key\\\": \\\"abc\\\"}\" h",
            "curl -d \"{\\\"api_key\\\": \\\"[REDACTED]\\\"}\" h"),
        .init(
            "python -c \"f({'clientSecret': 'abc', 'n': 1})\"",
            "python -c \"f({'clientSecret': '[REDACTED]', 'n': 1})\""),
        .init("echo '{\"accessToken\": 12345, \"n\": 1}'", "echo '{\"accessToken\": [REDACTED], \"n\": 1}'"),
    ]

    /// Near misses that look like secrets but are not, and must come back unchanged.
    static let keptCases: [Case] = [
        .init(kept: "git commit -m \"fix token parsing\""),
        .init(kept: "ls -la"),
        .init(kept: "grep -r password src/"),
        .init(kept: "cat /home/u/.ssh/id_rsa ~/.aws/credentials"),
        .init(kept: "pip install sk-learn scikit-learn"),
        .init(kept: "echo task-abcdefghijklmnopqrstuvwxyz0123"),
        .init(
            kept: "echo AKIAIOSFODNN7EXAMPL AKIAIOSFODNN7EXAMPLEX xAKIAIOSFODNN7EXAMPLE AKIAiosfodnn7example"),
        .init(kept: "grep aws_secret_access_key ~/.aws/credentials"),
        .init(kept: "echo ghp_short ghx_16C7e42F292c6912E7710c838347Ae178B4a github_pat_short"),
        .init(kept: "echo xoxb- xoxb-short xoxz-1234567890abc"),
        .init(kept: "git commit -m \"authorization: fix header parsing\""),
        .init(kept: "git commit -m \"authorization: cleanup\" && echo 'Authorization: Bearer'"),
        .init(kept: "git commit -m \"Bearer tokens are refreshed\" && echo Bearer abc"),
        .init(kept: "curl -H \"Authorization: Bearer\" x"),
        .init(kept: "git commit -m \"token: fix expiry\""),
        .init(kept: "echo ${API_KEY:-unset} ${GITHUB_TOKEN:?missing}"),
        .init(kept: "tool --token --verbose"),
        .init(kept: "docker login --password-stdin --token-file ~/.t"),
        .init(kept: "rg -n -- '--password' src"),
        .init(kept: "echo pwd=abc $PWD $GITHUB_TOKEN"),
        .init(kept: "MAX_TOKENS=4096 TOKEN_TTL=60 keyboard=1 python x.py"),
        .init(kept: "ssh git@github.com && curl https://github.com:443/x https://user@host/"),
        .init(kept: "curl 'https://example.com/?keyboard=1&page=2&author=bob&q=token'"),
        .init(kept: "echo '{\"passwordHint\": \"x\", \"tokens\": 3}'"),
        .init(kept: "python -c \"from sklearn import svm\" # no key here"),
        .init(kept: "echo [REDACTED] --password=[REDACTED] https://u:[REDACTED]@h ?token=[REDACTED]"),
    ]

    /// Secrets surrounded by non-ASCII text, which must come out byte-for-byte intact.
    static let unicodeCases: [Case] = [
        .init("echo 日本語 --password=пароль 完了", "echo 日本語 --password=[REDACTED] 完了"),
        .init("curl \"https://例え.jp/?token=秘密&q=猫\"", "curl \"https://例え.jp/?token=[REDACTED]&q=猫\""),
        .init("echo 🔑 AKIAIOSFODNN7EXAMPLE 🔒", "echo 🔑 [REDACTED] 🔒"),
        .init("export ÉQUIPE_TOKEN='mot de passe é' # café", "export ÉQUIPE_TOKEN='[REDACTED]' # café"),
        .init("écho«ghp_16C7e42F292c6912E7710c838347Ae178B4a»", "écho«[REDACTED]»"),
        .init(kept: "echo héllo wörld 👋🏽 – naïve café"),
    ]
}
