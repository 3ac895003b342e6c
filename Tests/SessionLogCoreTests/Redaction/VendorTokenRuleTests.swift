import Testing

@testable import SessionLogCore

@Suite struct VendorTokenRuleTests {
    @Test func theFirstByteIndexMatchesTheRules() {
        let rules = VendorTokenRule.all
        #expect(VendorTokenRule.firstRule.count == 257)
        for byte in 0..<256 {
            let group = rules[VendorTokenRule.firstRule[byte]..<VendorTokenRule.firstRule[byte + 1]]
            #expect(group.allSatisfy { Int($0.prefix.utf8Start[0]) == byte }, "byte \(byte)")
            #expect(group.count == rules.filter { Int($0.prefix.utf8Start[0]) == byte }.count, "byte \(byte)")
        }
    }

    @Test(arguments: VendorTokenRule.all.indices)
    func everyRuleMasksAWellFormedTokenAndNotItsPrefixAlone(index: Int) {
        let rule = VendorTokenRule.all[index]
        let prefix = rule.prefix.description
        let body: String =
            switch rule.body {
            case .hex: String(repeating: "a1f0", count: 40)
            case .upperAlnum: String(repeating: "Q7ZR", count: 40)
            default: String(repeating: "aB3x", count: 40)
            }
        let open = rule.length == .atLeast || rule.length == .pathAfterPrefix
        let length = open ? rule.minimum + 5 : rule.minimum
        let token = prefix + String(body.prefix(length))
        let redacted = Redactor.redact("echo \(token) done")
        #expect(!redacted.contains(String(body.prefix(length))), "\(rule.vendor)")
        #expect(Redactor.redact("echo \(prefix) done") == "echo \(prefix) done")
    }
}
