/// Recognises paths of files that hold credentials, by name, case-insensitively.
///
/// Matched: `.env` and `.env.*` (but not `.env.example`, `.env.sample`, `.env.template`, `.env.dist`),
/// `*.pem`, `*.key`, `*.p12`, `*.pfx`, `id_rsa*`, `id_ed25519*`, `id_ecdsa*`, `id_dsa*` (but not
/// their `.pub` halves), `.npmrc`, `.netrc`, `_netrc`, `.pgpass`, `.pypirc`, `.git-credentials`,
/// `.aws/credentials`, anything in a `.ssh` directory, and kubeconfigs (`.kube/config`,
/// `kubeconfig`, `*.kubeconfig`).
public enum CredentialPath {
    /// What kind of credential `path` names, such as "private key", or nil for an ordinary file.
    public static func kind(of path: String) -> String? {
        let components = path.lowercased().split(whereSeparator: { $0 == "/" || $0 == "\\" })
        guard let base = components.last else { return nil }
        if components.contains(".ssh") { return "ssh directory" }
        for (parent, child) in zip(components, components.dropFirst()) {
            if parent == ".aws" && child == "credentials" { return "aws credentials" }
            if parent == ".kube" && child == "config" { return "kubeconfig" }
        }
        if base == "kubeconfig" || base.hasSuffix(".kubeconfig") { return "kubeconfig" }
        if base == ".env" { return "env file" }
        if base.hasPrefix(".env.") && !templateSuffixes.contains(String(base.dropFirst(5))) {
            return "env file"
        }
        if privateKeyPrefixes.contains(where: { base.hasPrefix($0) }) && !base.hasSuffix(".pub") {
            return "ssh private key"
        }
        if secretFiles.contains(String(base)) { return "credentials file" }
        if let dot = base.lastIndex(of: "."), dot != base.startIndex,
            keyExtensions.contains(String(base[base.index(after: dot)...]))
        {
            return "key or certificate"
        }
        return nil
    }

    /// `.env.<suffix>` files that hold placeholders, not secrets.
    static let templateSuffixes: Set<String> = ["example", "sample", "template", "dist"]
    static let privateKeyPrefixes = ["id_rsa", "id_ed25519", "id_ecdsa", "id_dsa"]
    static let secretFiles: Set<String> = [
        ".npmrc", ".netrc", "_netrc", ".pgpass", ".pypirc", ".git-credentials",
    ]
    static let keyExtensions: Set<String> = ["pem", "key", "p12", "pfx"]
}
