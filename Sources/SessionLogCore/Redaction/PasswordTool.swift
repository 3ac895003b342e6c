/// A command-line tool whose arguments carry a password in a form no name announces: `mysql -pX`,
/// `curl -u user:X`, `sshpass -p X`, `docker login -p X`, `redis-cli -a X`, `zip -P X`, `7z -pX`,
/// `htpasswd -b file user X`, `gh secret set NAME --body X`, `kubectl create secret … --from-literal=k=X`,
/// `ldapsearch -w X`, `sqlcmd -P X`, `mongosh -p X`, `smbclient -U user%X`, `openssl enc -k X`.
enum PasswordTool {
    case mysql, curl, sshpass, registryLogin, redisCLI, zip, sevenZip, htpasswd, gh, kubectl, ldap, sqlcmd
    case mongo, smbclient, openssl

    /// The tool the word `name` in `bytes` runs, or nil for any other word.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) {
        let count = name.count
        guard count >= 2, count <= 12 else { return nil }
        func named(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == count else { return false }
            for j in 0..<count where bytes[name.lowerBound + j] != word.utf8Start[j] {
                return false
            }
            return true
        }
        switch bytes[name.lowerBound] {
        case UInt8(ascii: "7"):
            guard named("7z") || named("7za") || named("7zz") || named("7zr") else { return nil }
            self = .sevenZip
        case UInt8(ascii: "b"):
            guard named("bcp") || named("buildah") else { return nil }
            self = named("bcp") ? .sqlcmd : .registryLogin
        case UInt8(ascii: "c"):
            guard named("curl") || named("crane") else { return nil }
            self = named("curl") ? .curl : .registryLogin
        case UInt8(ascii: "d"):
            guard named("docker") else { return nil }
            self = .registryLogin
        case UInt8(ascii: "g"):
            guard named("gh") else { return nil }
            self = .gh
        case UInt8(ascii: "h"):
            if named("htpasswd") {
                self = .htpasswd
            } else if named("helm") {
                self = .registryLogin
            } else {
                return nil
            }
        case UInt8(ascii: "k"):
            guard named("kubectl") else { return nil }
            self = .kubectl
        case UInt8(ascii: "l"):
            guard
                named("ldapsearch") || named("ldapadd") || named("ldapmodify") || named("ldapdelete")
                    || named("ldapwhoami") || named("ldappasswd") || named("ldapmodrdn")
            else { return nil }
            self = .ldap
        case UInt8(ascii: "m"):
            if named("mysql") || named("mysqldump") || named("mysqladmin") || named("mysqlimport")
                || named("mysqlshow") || named("mysqlcheck") || named("mysqlpump") || named("mariadb")
                || named("mariadb-dump") || named("mariadb-admin")
            {
                self = .mysql
            } else if named("mongo") || named("mongosh") || named("mongodump") || named("mongorestore")
                || named("mongoexport") || named("mongoimport")
            {
                self = .mongo
            } else {
                return nil
            }
        case UInt8(ascii: "n"):
            guard named("nerdctl") else { return nil }
            self = .registryLogin
        case UInt8(ascii: "o"):
            if named("openssl") {
                self = .openssl
            } else if named("oc") {
                self = .kubectl
            } else if named("oras") {
                self = .registryLogin
            } else {
                return nil
            }
        case UInt8(ascii: "p"):
            guard named("podman") else { return nil }
            self = .registryLogin
        case UInt8(ascii: "r"):
            if named("redis-cli") {
                self = .redisCLI
            } else if named("rpcclient") {
                self = .smbclient
            } else {
                return nil
            }
        case UInt8(ascii: "s"):
            if named("sshpass") {
                self = .sshpass
            } else if named("sqlcmd") {
                self = .sqlcmd
            } else if named("smbclient") {
                self = .smbclient
            } else {
                return nil
            }
        case UInt8(ascii: "u"):
            guard named("unzip") else { return nil }
            self = .zip
        case UInt8(ascii: "v"):
            guard named("valkey-cli") else { return nil }
            self = .redisCLI
        case UInt8(ascii: "z"):
            guard named("zip") || named("zipcloak") else { return nil }
            self = .zip
        default:
            return nil
        }
    }
}
