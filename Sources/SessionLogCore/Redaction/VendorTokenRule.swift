/// A token that says what it is: a fixed vendor prefix and a body long enough that a word or a path
/// never matches. The list follows gitleaks' default rules (config/gitleaks.toml) for the formats that
/// need no secret-sounding name next to them.
///
/// Every field is a constant the compiler lays out in the binary: the hook pays no start-up work for
/// the table, only a look-up when a word starts with one of its first bytes.
struct VendorTokenRule: Sendable {
    /// How the body's length is checked.
    enum Length: UInt8, Sendable {
        /// At least ``VendorTokenRule/minimum`` body bytes.
        case atLeast
        /// Exactly ``VendorTokenRule/minimum``, not followed by another letter or digit.
        case exactly
        /// At least ``VendorTokenRule/minimum``, and only the body is masked: the prefix is a URL that says
        /// what it was.
        case pathAfterPrefix
    }

    /// The bytes a token's body is made of.
    enum Body: UInt8, Sendable {
        case alnum, upperAlnum, hex, word, key, alnumDash, dotted, base64, urlPath

        /// Whether `c` can be part of the body.
        @inline(__always) func contains(_ c: UInt8) -> Bool {
            switch self {
            case .alnum: isAlnum(c)
            case .upperAlnum: isUpperAlnum(c)
            case .hex: isHexDigit(c)
            case .word: isWordByte(c)
            case .key: isKeyByte(c)
            case .alnumDash: isSlackByte(c)
            case .dotted: isDottedKeyByte(c)
            case .base64: isBase64Byte(c)
            case .urlPath: isURLPathByte(c)
            }
        }
    }

    /// The fixed start of the token.
    let prefix: StaticString
    /// Whose token it is, for the coverage table in docs/log-format.md.
    let vendor: StaticString
    /// The body's least (or, with ``Length/exactly``, exact) length.
    let minimum: Int
    /// How the body's length is checked.
    let length: Length
    /// What the body is made of.
    let body: Body

    /// Every rule, sorted by first byte (the scanner finds them through ``firstRule``).
    static let all: [VendorTokenRule] = [
        .init(prefix: "AIza", vendor: "Google API key", minimum: 30, length: .atLeast, body: .key),
        .init(
            prefix: "AGE-SECRET-KEY-1", vendor: "age secret key", minimum: 50, length: .atLeast,
            body: .upperAlnum),
        .init(prefix: "ATATT3", vendor: "Atlassian API token", minimum: 100, length: .atLeast, body: .key),
        .init(prefix: "AKCp", vendor: "Artifactory API key", minimum: 60, length: .atLeast, body: .alnum),
        .init(
            prefix: "API-", vendor: "Octopus Deploy API key", minimum: 26, length: .exactly, body: .upperAlnum
        ),
        .init(prefix: "EAAA", vendor: "Square access token", minimum: 22, length: .atLeast, body: .key),
        .init(prefix: "EZAK", vendor: "EasyPost API key", minimum: 50, length: .atLeast, body: .alnum),
        .init(prefix: "EZTK", vendor: "EasyPost test key", minimum: 50, length: .atLeast, body: .alnum),
        .init(prefix: "EAAC", vendor: "Facebook page token", minimum: 100, length: .atLeast, body: .alnum),
        .init(prefix: "EAAM", vendor: "Facebook page token", minimum: 100, length: .atLeast, body: .alnum),
        .init(
            prefix: "FLWSECK_TEST-", vendor: "Flutterwave secret key", minimum: 12, length: .atLeast,
            body: .alnum),
        .init(
            prefix: "FLWSECK-", vendor: "Flutterwave secret key", minimum: 12, length: .atLeast, body: .alnum),
        .init(
            prefix: "GOCSPX-", vendor: "Google OAuth client secret", minimum: 20, length: .atLeast, body: .key
        ),
        .init(
            prefix: "GR1348941", vendor: "GitLab runner registration token", minimum: 20, length: .atLeast,
            body: .key),
        .init(prefix: "HRKU-", vendor: "Heroku API key", minimum: 40, length: .atLeast, body: .key),
        .init(
            prefix: "LTAI", vendor: "Alibaba Cloud AccessKey ID", minimum: 20, length: .atLeast, body: .alnum),
        .init(prefix: "NRAK-", vendor: "New Relic user API key", minimum: 20, length: .atLeast, body: .alnum),
        .init(
            prefix: "NRII-", vendor: "New Relic insert key", minimum: 20, length: .atLeast, body: .alnumDash),
        .init(prefix: "NRJS-", vendor: "New Relic browser key", minimum: 19, length: .atLeast, body: .alnum),
        .init(prefix: "PMAK-", vendor: "Postman API key", minimum: 40, length: .atLeast, body: .alnumDash),
        .init(prefix: "SG.", vendor: "SendGrid API key", minimum: 50, length: .atLeast, body: .dotted),
        .init(prefix: "SK", vendor: "Twilio API key", minimum: 32, length: .exactly, body: .hex),
        .init(
            prefix: "api_org_", vendor: "Hugging Face organization token", minimum: 30, length: .atLeast,
            body: .alnum),
        .init(prefix: "dapi", vendor: "Databricks token", minimum: 32, length: .atLeast, body: .hex),
        .init(
            prefix: "dckr_pat_", vendor: "Docker personal access token", minimum: 20, length: .atLeast,
            body: .key),
        .init(
            prefix: "dckr_oat_", vendor: "Docker organization token", minimum: 20, length: .atLeast,
            body: .key),
        .init(prefix: "dop_v1_", vendor: "DigitalOcean token", minimum: 40, length: .atLeast, body: .hex),
        .init(
            prefix: "doo_v1_", vendor: "DigitalOcean OAuth token", minimum: 40, length: .atLeast, body: .hex),
        .init(
            prefix: "dor_v1_", vendor: "DigitalOcean refresh token", minimum: 40, length: .atLeast, body: .hex
        ),
        .init(prefix: "dt0c01.", vendor: "Dynatrace token", minimum: 60, length: .atLeast, body: .dotted),
        .init(prefix: "duffel_test_", vendor: "Duffel token", minimum: 30, length: .atLeast, body: .key),
        .init(prefix: "duffel_live_", vendor: "Duffel token", minimum: 30, length: .atLeast, body: .key),
        .init(
            prefix: "discord.com/api/webhooks/", vendor: "Discord webhook URL", minimum: 20,
            length: .pathAfterPrefix, body: .urlPath),
        .init(
            prefix: "discordapp.com/api/webhooks/", vendor: "Discord webhook URL", minimum: 20,
            length: .pathAfterPrefix, body: .urlPath),
        .init(
            prefix: "dp.st.", vendor: "Doppler service token", minimum: 40, length: .atLeast, body: .dotted),
        .init(
            prefix: "dp.pt.", vendor: "Doppler personal token", minimum: 40, length: .atLeast, body: .dotted),
        .init(prefix: "dp.ct.", vendor: "Doppler CLI token", minimum: 40, length: .atLeast, body: .dotted),
        .init(
            prefix: "dp.sa.", vendor: "Doppler service account token", minimum: 40, length: .atLeast,
            body: .dotted),
        .init(prefix: "dp.scim.", vendor: "Doppler SCIM token", minimum: 40, length: .atLeast, body: .dotted),
        .init(
            prefix: "dp.audit.", vendor: "Doppler audit token", minimum: 40, length: .atLeast, body: .dotted),
        .init(prefix: "fo1_", vendor: "Fly.io token", minimum: 40, length: .atLeast, body: .key),
        .init(prefix: "fm1a_", vendor: "Fly.io macaroon", minimum: 60, length: .atLeast, body: .key),
        .init(prefix: "fm1r_", vendor: "Fly.io macaroon", minimum: 60, length: .atLeast, body: .key),
        .init(prefix: "fm2_", vendor: "Fly.io macaroon", minimum: 60, length: .atLeast, body: .key),
        .init(prefix: "fio-u-", vendor: "Frame.io token", minimum: 40, length: .atLeast, body: .key),
        .init(prefix: "glpat-", vendor: "GitLab personal token", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "gldt-", vendor: "GitLab deploy token", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "glrt-", vendor: "GitLab runner token", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "glcbt-", vendor: "GitLab CI job token", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "glptt-", vendor: "GitLab trigger token", minimum: 40, length: .atLeast, body: .hex),
        .init(prefix: "glft-", vendor: "GitLab feed token", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "glimt-", vendor: "GitLab mail token", minimum: 25, length: .atLeast, body: .key),
        .init(prefix: "glagent-", vendor: "GitLab agent token", minimum: 50, length: .atLeast, body: .key),
        .init(prefix: "gloas-", vendor: "GitLab OAuth secret", minimum: 64, length: .atLeast, body: .key),
        .init(
            prefix: "glffct-", vendor: "GitLab feature flag token", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "glsoat-", vendor: "GitLab SCIM token", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "glc_", vendor: "Grafana Cloud token", minimum: 32, length: .atLeast, body: .base64),
        .init(
            prefix: "glsa_", vendor: "Grafana service account token", minimum: 32, length: .atLeast,
            body: .word),
        .init(prefix: "hf_", vendor: "Hugging Face token", minimum: 30, length: .atLeast, body: .alnum),
        .init(prefix: "hvs.", vendor: "Vault service token", minimum: 24, length: .atLeast, body: .key),
        .init(prefix: "hvb.", vendor: "Vault batch token", minimum: 24, length: .atLeast, body: .key),
        .init(prefix: "hvr.", vendor: "Vault recovery token", minimum: 24, length: .atLeast, body: .key),
        .init(
            prefix: "hooks.slack.com/services/", vendor: "Slack webhook URL", minimum: 20,
            length: .pathAfterPrefix, body: .urlPath),
        .init(
            prefix: "hooks.slack.com/workflows/", vendor: "Slack workflow URL", minimum: 20,
            length: .pathAfterPrefix, body: .urlPath),
        .init(
            prefix: "hooks.slack.com/triggers/", vendor: "Slack trigger URL", minimum: 20,
            length: .pathAfterPrefix, body: .urlPath),
        .init(prefix: "ico-", vendor: "Infracost token", minimum: 32, length: .atLeast, body: .alnum),
        .init(prefix: "key-", vendor: "Mailgun API key", minimum: 32, length: .exactly, body: .hex),
        .init(prefix: "lin_api_", vendor: "Linear API key", minimum: 32, length: .atLeast, body: .alnum),
        .init(
            prefix: "lin_oauth_", vendor: "Linear OAuth token", minimum: 32, length: .atLeast, body: .alnum),
        .init(prefix: "npm_", vendor: "npm token", minimum: 36, length: .atLeast, body: .alnum),
        .init(prefix: "ntn_", vendor: "Notion token", minimum: 40, length: .atLeast, body: .alnum),
        .init(
            prefix: "ops_eyJ", vendor: "1Password service account token", minimum: 100, length: .atLeast,
            body: .base64),
        .init(
            prefix: "pypi-AgEIcHlwaS5vcmc", vendor: "PyPI upload token", minimum: 20, length: .atLeast,
            body: .key),
        .init(
            prefix: "pscale_tkn_", vendor: "PlanetScale token", minimum: 32, length: .atLeast, body: .dotted),
        .init(
            prefix: "pscale_oauth_", vendor: "PlanetScale OAuth token", minimum: 32, length: .atLeast,
            body: .dotted),
        .init(
            prefix: "pscale_pw_", vendor: "PlanetScale password", minimum: 32, length: .atLeast, body: .dotted
        ),
        .init(prefix: "pul-", vendor: "Pulumi token", minimum: 40, length: .atLeast, body: .hex),
        .init(prefix: "pplx-", vendor: "Perplexity key", minimum: 40, length: .atLeast, body: .alnum),
        .init(prefix: "pnu_", vendor: "Prefect token", minimum: 36, length: .atLeast, body: .alnum),
        .init(prefix: "p8e-", vendor: "Adobe client secret", minimum: 32, length: .atLeast, body: .alnum),
        .init(
            prefix: "rk_live_", vendor: "Stripe restricted key", minimum: 10, length: .atLeast, body: .alnum),
        .init(
            prefix: "rk_test_", vendor: "Stripe restricted key", minimum: 10, length: .atLeast, body: .alnum),
        .init(
            prefix: "rk_prod_", vendor: "Stripe restricted key", minimum: 10, length: .atLeast, body: .alnum),
        .init(prefix: "rdme_", vendor: "ReadMe token", minimum: 60, length: .atLeast, body: .alnum),
        .init(prefix: "rubygems_", vendor: "RubyGems token", minimum: 48, length: .atLeast, body: .hex),
        .init(prefix: "sk-", vendor: "OpenAI / Anthropic key", minimum: 20, length: .atLeast, body: .key),
        .init(prefix: "sk_live_", vendor: "Stripe secret key", minimum: 10, length: .atLeast, body: .alnum),
        .init(prefix: "sk_test_", vendor: "Stripe secret key", minimum: 10, length: .atLeast, body: .alnum),
        .init(prefix: "sk_prod_", vendor: "Stripe secret key", minimum: 10, length: .atLeast, body: .alnum),
        .init(prefix: "sk.eyJ", vendor: "Mapbox secret token", minimum: 50, length: .atLeast, body: .dotted),
        .init(prefix: "shpat_", vendor: "Shopify access token", minimum: 32, length: .atLeast, body: .hex),
        .init(prefix: "shpss_", vendor: "Shopify shared secret", minimum: 32, length: .atLeast, body: .hex),
        .init(
            prefix: "shpca_", vendor: "Shopify custom app token", minimum: 32, length: .atLeast, body: .hex),
        .init(
            prefix: "shppa_", vendor: "Shopify private app token", minimum: 32, length: .atLeast, body: .hex),
        .init(prefix: "sq0atp-", vendor: "Square access token", minimum: 22, length: .atLeast, body: .key),
        .init(prefix: "sq0csp-", vendor: "Square OAuth secret", minimum: 22, length: .atLeast, body: .key),
        .init(prefix: "sntrys_", vendor: "Sentry org token", minimum: 50, length: .atLeast, body: .base64),
        .init(prefix: "sntryu_", vendor: "Sentry user token", minimum: 64, length: .atLeast, body: .hex),
        .init(prefix: "sgp_", vendor: "Sourcegraph token", minimum: 40, length: .atLeast, body: .word),
        .init(prefix: "sha256~", vendor: "OpenShift token", minimum: 40, length: .atLeast, body: .key),
        .init(prefix: "shippo_live_", vendor: "Shippo token", minimum: 40, length: .atLeast, body: .hex),
        .init(prefix: "shippo_test_", vendor: "Shippo token", minimum: 40, length: .atLeast, body: .hex),
        .init(prefix: "sm_pat_", vendor: "SettleMint token", minimum: 16, length: .atLeast, body: .alnum),
        .init(prefix: "sm_aat_", vendor: "SettleMint token", minimum: 16, length: .atLeast, body: .alnum),
        .init(prefix: "sm_sat_", vendor: "SettleMint token", minimum: 16, length: .atLeast, body: .alnum),
        .init(prefix: "tfp_", vendor: "Typeform token", minimum: 50, length: .atLeast, body: .dotted),
        .init(prefix: "tk-us-", vendor: "Scalingo token", minimum: 40, length: .atLeast, body: .key),
        .init(
            prefix: "whsec_", vendor: "Stripe webhook secret", minimum: 24, length: .atLeast, body: .base64),
        .init(
            prefix: "webhook.office.com/webhookb2/", vendor: "Microsoft Teams webhook URL", minimum: 40,
            length: .pathAfterPrefix, body: .urlPath),
        .init(prefix: "xapp-", vendor: "Slack app token", minimum: 10, length: .atLeast, body: .alnumDash),
        .init(
            prefix: "xkeysib-", vendor: "Brevo (Sendinblue) key", minimum: 64, length: .atLeast,
            body: .alnumDash),
        .init(
            prefix: "ya29.", vendor: "Google OAuth access token", minimum: 30, length: .atLeast, body: .key),
    ]

    /// For each byte value `b`, the rules starting with `b` are `all[firstRule[b]..<firstRule[b + 1]]`
    /// (a test checks it against ``all``).
    static let firstRule: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 5, 5, 5, 5, 10, 12, 14, 15, 15, 15, 15, 16, 16, 19,
        19, 20, 20, 20, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22, 22,
        22, 22, 23, 23, 23, 40, 40, 45, 58, 65, 66, 66, 67, 69, 69, 71,
        72, 80, 80, 85, 105, 107, 107, 107, 109, 111, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112, 112,
        112,
    ]
}
