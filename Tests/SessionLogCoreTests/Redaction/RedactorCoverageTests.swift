import Testing

@testable import SessionLogCore

/// A held-out style set: realistic commands, URLs, Grep patterns and error lines, each checked only for
/// what matters (the secret is gone, the text around it stays), so a rule that masks too much or too
/// little fails here even when its own unit test passes.
@Suite("Redactor coverage")
struct RedactorCoverageTests {
    @Test(
        "The secret in a pasted command, URL or error never survives", arguments: RedactorCoverageTests.leaks)
    func masksLeak(_ leak: Leak) {
        let redacted = Redactor.redact(leak.input)
        #expect(!redacted.contains(leak.secret), "\(redacted)")
        #expect(redacted.contains(Redactor.mask))
        #expect(Redactor.redact(redacted) == redacted)
    }

    @Test("Text around a masked secret stays readable", arguments: RedactorCoverageTests.leaks)
    func keepsContext(_ leak: Leak) {
        let redacted = Redactor.redact(leak.input)
        let parts = leak.input.split(separator: leak.secret, omittingEmptySubsequences: false)
        // What precedes the first copy of the secret is kept byte for byte, up to the rule's own prefix.
        #expect(redacted.hasPrefix(parts[0].prefix(max(0, parts[0].count - 30))))
    }

    @Test("Near misses come back unchanged", arguments: RedactorCoverageTests.nearMisses)
    func keepsNearMiss(_ text: String) {
        #expect(Redactor.redact(text) == text)
    }

    @Test("The set is as large as the issue asks")
    func setSize() {
        #expect(Self.leaks.count >= 120)
        #expect(Self.nearMisses.count >= 40)
    }
}

extension RedactorCoverageTests {
    /// A text and the secret inside it.
    struct Leak: Sendable, CustomTestStringConvertible {
        /// What kind of secret it is.
        let label: String
        /// The whole text as the hook would receive it.
        let input: String
        /// The secret that must not reach the log.
        let secret: String

        /// The label names the case in test output.
        var testDescription: String { label }

        /// Creates a case.
        init(_ label: String, _ input: String, secret: String) {
            self.label = label
            self.input = input
            self.secret = secret
        }
    }

    /// Commands, URLs, patterns and error lines as people paste them, each with the secret it carries.
    static let leaks: [Leak] = [
        .init(
            "Stripe secret key",
            "stripe listen --api sk_live_L7DxtpYlSXpfKtHF4vUCsMeh --forward-to localhost:3000/webhooks",
            secret: "sk_live_L7DxtpYlSXpfKtHF4vUCsMeh"),
        .init(
            "Stripe restricted key",
            "curl https://api.stripe.com/v1/charges -u rk_live_GAkWvj7FAc9QeWJKY40uvSwM:",
            secret: "rk_live_GAkWvj7FAc9QeWJKY40uvSwM"),
        .init(
            "Stripe test key", "echo sk_test_FLZDe1f8rESQedUStPKR0CsT | pbcopy",
            secret: "sk_test_FLZDe1f8rESQedUStPKR0CsT"),
        .init(
            "Stripe webhook secret",
            "stripe trigger payment_intent.succeeded # whsec_y4Qwb8DwkNhFdnXsiVpzz63FfkCzJr4i",
            secret: "whsec_y4Qwb8DwkNhFdnXsiVpzz63FfkCzJr4i"),
        .init(
            "GitLab personal token",
            "git clone https://oauth2:glpat-3J1TWDtkwtDDb_xHKas1@gitlab.com/acme/api.git",
            secret: "glpat-3J1TWDtkwtDDb_xHKas1"),
        .init(
            "GitLab token in echo", "echo 'glpat-VOqg6YYZYn9ZhyiA4uoR' > ~/.config/glab-cli/token",
            secret: "glpat-VOqg6YYZYn9ZhyiA4uoR"),
        .init(
            "GitLab deploy token",
            "helm repo add acme https://gitlab.com/api/v4/projects/42/packages/helm/stable --password gldx && echo gldt-gnatmUdjAWtGSU8po_79",
            secret: "gldt-gnatmUdjAWtGSU8po_79"),
        .init(
            "GitLab runner token",
            "gitlab-runner register --non-interactive --url https://gitlab.com --token glrt-9NksnRH9ucAUsdMlHUvT",
            secret: "glrt-9NksnRH9ucAUsdMlHUvT"),
        .init(
            "GitLab CI job token", "echo glcbt-64_CQCyEZDz-TddJ8HyS5SU >> job.env",
            secret: "glcbt-64_CQCyEZDz-TddJ8HyS5SU"),
        .init(
            "GitLab trigger token",
            "curl -X POST -F ref=main -F t=glptt-2737f6a6f0fb23c6f5da2cec255404e4fb440034 https://gitlab.com/api/v4/projects/9/trigger/pipeline",
            secret: "glptt-2737f6a6f0fb23c6f5da2cec255404e4fb440034"),
        .init(
            "npm token",
            "npm config set //registry.npmjs.org/:_auth npm_B3m03nbqnsGpWLuqIA1id6Vw5DQL05HA064G",
            secret: "npm_B3m03nbqnsGpWLuqIA1id6Vw5DQL05HA064G"),
        .init(
            "npm token in .npmrc",
            "printf \"//registry.npmjs.org/:_authToken=%s\\n\" npm_iIjHGb3CXlMaXZjljENUhJduRHHJEYXg4Jdp > .npmrc",
            secret: "npm_iIjHGb3CXlMaXZjljENUhJduRHHJEYXg4Jdp"),
        .init(
            "PyPI token",
            "twine upload -u __token__ -p pypi-AgEIcHlwaS5vcmcyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR1zTOlUcR64cXQL dist/*",
            secret: "pypi-AgEIcHlwaS5vcmcyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR1zTOlUcR64cXQL"),
        .init(
            "PyPI token via uv",
            "uv publish pypi-AgEIcHlwaS5vcmcioDnkHIfxIq2HZt-PlJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGebcy",
            secret: "pypi-AgEIcHlwaS5vcmcioDnkHIfxIq2HZt-PlJhx2jIclHkCiHp6bR1IqfEouHgxzNNAL5wIScGebcy"),
        .init(
            "Hugging Face token", "huggingface-cli login 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",
            secret: "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"),
        .init(
            "Hugging Face token in python",
            "python -c \"from huggingface_hub import login; login('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')\"",
            secret: "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"),
        .init(
            "SendGrid key",
            "curl https://api.sendgrid.com/v3/mail/send -H \"Authorization: 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\"",
            secret: "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"),
        .init(
            "SendGrid key bare",
            "node send.js 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",
            secret: "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"),
        .init(
            "Google API key in URL path",
            "curl \"https://maps.googleapis.com/maps/api/geocode/json?address=Paris&k=AIzaViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv8\"",
            secret: "AIzaViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv8"),
        .init(
            "Google API key bare",
            "gcloud alpha services api-keys lookup AIza1RKMGHZEM9YpvujA-C5Q52ryFlwRlOEVHzc",
            secret: "AIza1RKMGHZEM9YpvujA-C5Q52ryFlwRlOEVHzc"),
        .init(
            "Slack bot token",
            "curl -F channel=C024BE91L -F text=hi https://slack.com/api/chat.postMessage?x= -F t=xoxb-1234567890123-1234567890123-iRGHOY32nfr5pyzPCB9t2039",
            secret: "xoxb-1234567890123-1234567890123-iRGHOY32nfr5pyzPCB9t2039"),
        .init(
            "Slack user token",
            "slack-export --auth x xoxp-1234567890-1234567890-1234567890-041dff02cee737443e210471948d3329",
            secret: "xoxp-1234567890-1234567890-1234567890-041dff02cee737443e210471948d3329"),
        .init(
            "Slack config token",
            "echo xoxe.xoxp-1-7MYQOAA8T3RUP47P9PB0TDBM50FQO1XO5CV0XZMAS6EN5MTMO3OQSG5LO50DJZDNBJ0DDLZ2UHFKVML73CTYXV2KGAFRFW0H9NYWT1FD4MX82MUX4B0PZCYC3EDQMEVXRVCQURTAEBOG43YQ15I5LATJPUU3XF6MZKP",
            secret:
                "xoxp-1-7MYQOAA8T3RUP47P9PB0TDBM50FQO1XO5CV0XZMAS6EN5MTMO3OQSG5LO50DJZDNBJ0DDLZ2UHFKVML73CTYXV2KGAFRFW0H9NYWT1FD4MX82MUX4B0PZCYC3EDQMEVXRVCQURTAEBOG43YQ15I5LATJPUU3XF6MZKP"
        ),
        .init(
            "Slack webhook URL",
            "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy done\"}' https://hooks.slack.com/services/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",
            secret: "T0EC498UK/B1GEQFNG0/FTCloiADN5RpVI2XQWhX1ssr"),
        .init(
            "Slack webhook URL in env",
            "SLACK_HOOK=https://hooks.slack.com/services/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 ./notify.sh",
            secret: "TRXQQM2PL/BPPJSMUEZ/qpGHoPZgPDcgaE40o1C6xc4s"),
        .init(
            "Discord webhook URL",
            "curl -H \"Content-Type: application/json\" -d '{\"content\":\"built\"}' https://discord.com/api/webhooks/1234567890123456789/DpgyyjVw5HanSBeVRsfAGeAbP0VxNjAe-9i0mYtluYI0KN1gNT11cUzYZAa3u2olZU6u",
            secret: "1234567890123456789/DpgyyjVw5HanSBeVRsfAGeAbP0VxNjAe-9i0mYtluYI0KN1gNT11cUzYZAa3u2olZU6u"
        ),
        .init(
            "Discord webhook URL (discordapp)",
            "wget --post-data \"content=hi\" https://discordapp.com/api/webhooks/987654321098765432/qbgsYlVvsSKuvinX_zMqf9OgXluCZz8xBfZuXTptFyfePpX6N1NF2XV54wca_7E56w8Z",
            secret: "987654321098765432/qbgsYlVvsSKuvinX_zMqf9OgXluCZz8xBfZuXTptFyfePpX6N1NF2XV54wca_7E56w8Z"),
        .init(
            "Telegram bot token in URL",
            "curl \"https://api.telegram.org/bot7123456789:AAniqT3Ul4ffqkOkgWrdioyq_KvCiSGuPJ6/sendMessage?chat_id=42&text=done\"",
            secret: "7123456789:AAniqT3Ul4ffqkOkgWrdioyq_KvCiSGuPJ6"),
        .init(
            "Telegram bot token bare", "python bot.py 5512345678:AAsG9AHEOVezxZuJPWvHogU5nGYVHWVsUQk",
            secret: "5512345678:AAsG9AHEOVezxZuJPWvHogU5nGYVHWVsUQk"),
        .init(
            "Docker PAT", "echo dckr_pat_4DwgLGNOaeCtL31Ugq_DfcgaTMn | docker login -u acme --password-stdin",
            secret: "dckr_pat_4DwgLGNOaeCtL31Ugq_DfcgaTMn"),
        .init(
            "Docker PAT as -p", "docker login -u acme -p dckr_pat_TC0MrAU8urbFt5misIZHbhS4-Fv",
            secret: "dckr_pat_TC0MrAU8urbFt5misIZHbhS4-Fv"),
        .init(
            "Vault service token",
            "vault login hvs.afhdZxEuhnbzs0z1wNiMg9aW37k5wCnHDepQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedonuSsddfrfifiUziXnFA",
            secret:
                "hvs.afhdZxEuhnbzs0z1wNiMg9aW37k5wCnHDepQHgI3HLBkbvHEzuPyXQEW88ad3DNBYjvsedonuSsddfrfifiUziXnFA"
        ),
        .init(
            "Vault short service token",
            "curl -H \"X-Vault-Request: true\" -H \"X-Vault-Token2: hvs.AoeelK9mqmALOR2HcSGKgVP8\" https://vault:8200/v1/secret/data/app",
            secret: "hvs.AoeelK9mqmALOR2HcSGKgVP8"),
        .init(
            "Vault batch token",
            "vault token lookup hvb.Kd0d3mS8gBlKv3azKgaS_m_x-SHuKBD-vok_nPTmZYl2dVAMH2vWD6qeSPt5Pv74GDqQ7EyIMttFPSuEPyHnvnzXtsMM3JznnJAX7ebZ3CL7csGZaF31DDxp63OHm1FZuG296c0xPbX_",
            secret:
                "hvb.Kd0d3mS8gBlKv3azKgaS_m_x-SHuKBD-vok_nPTmZYl2dVAMH2vWD6qeSPt5Pv74GDqQ7EyIMttFPSuEPyHnvnzXtsMM3JznnJAX7ebZ3CL7csGZaF31DDxp63OHm1FZuG296c0xPbX_"
        ),
        .init(
            "Doppler service token",
            "doppler secrets download --no-file --token x dp.st.prd.6gcqInkTY88mHwg2KDInTEGbOY1xHvAV8DnRlzGW",
            secret: "dp.st.prd.6gcqInkTY88mHwg2KDInTEGbOY1xHvAV8DnRlzGW"),
        .init(
            "Doppler personal token",
            "doppler configure set token dp.pt.7hUNwOdqryzdaeA6AOSRwLqgotVz89HoZ9zDnki7XeZ",
            secret: "dp.pt.7hUNwOdqryzdaeA6AOSRwLqgotVz89HoZ9zDnki7XeZ"),
        .init(
            "Shopify access token",
            "curl https://acme.myshopify.com/admin/api/2024-01/shop.json -H \"X-Shopify-Access: 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\"",
            secret: "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"),
        .init(
            "Shopify shared secret", "shopify app env pull 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",
            secret: "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"),
        .init(
            "Shopify custom app token", "echo 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",
            secret: "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"),
        .init(
            "Shopify private app token", "echo 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 > token.txt",
            secret: "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"),
        .init(
            "Databricks token",
            "databricks configure --host https://adb-1.azuredatabricks.net <<< dapi421cc1c93016f1c4261e5351d30b4989",
            secret: "dapi421cc1c93016f1c4261e5351d30b4989"),
        .init(
            "Databricks token with suffix",
            "curl -n https://adb-1.azuredatabricks.net/api/2.0/clusters/list -H \"Auth: dapi5d1a0d1f13dce20c4fd32f640d003263-2\"",
            secret: "dapi5d1a0d1f13dce20c4fd32f640d003263-2"),
        .init(
            "JWT bare",
            "curl https://api.example.com/me -H \"X-Session: eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7\"",
            secret:
                "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7"
        ),
        .init(
            "JWT in cookie",
            "curl -b 'session=eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7' https://app.example.com/dashboard",
            secret:
                "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7"
        ),
        .init(
            "JWT in echo",
            "echo eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7 | cut -d. -f2 | base64 -d",
            secret:
                "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7"
        ),
        .init(
            "GitHub classic token", "gh auth login --with-token <<< ghp_iEbrUKpCUVl7dxXVTS2jUWfsOJTFDQ74q69d",
            secret: "ghp_iEbrUKpCUVl7dxXVTS2jUWfsOJTFDQ74q69d"),
        .init(
            "GitHub OAuth token", "echo gho_Tcada4PR0NfyttUMk931FMdux8KUCERkj9Zh",
            secret: "gho_Tcada4PR0NfyttUMk931FMdux8KUCERkj9Zh"),
        .init(
            "GitHub user-to-server token",
            "git -c http.extraheader=\"X-Token: ghu_x9PkOZAEyXYC8rYWKvsrdNPTZ0Mv3MUa1jM1\" fetch",
            secret: "ghu_x9PkOZAEyXYC8rYWKvsrdNPTZ0Mv3MUa1jM1"),
        .init(
            "GitHub server token",
            "git clone https://x-access-token:ghs_tLB4pyyRyMX5oZCsSauqrBkL60W4Ycs1jZ43@github.com/acme/app.git",
            secret: "ghs_tLB4pyyRyMX5oZCsSauqrBkL60W4Ycs1jZ43"),
        .init(
            "GitHub refresh token",
            "curl -d refresh=ghr_Kjr2ZZJRX6FwIfIJFZymYWU7otMdRzDTn7qLWaYyDIfIZwXeozLH5q41HuEGLmmnmflZSsxKKwzX https://github.com/login/oauth/access_token",
            secret: "ghr_Kjr2ZZJRX6FwIfIJFZymYWU7otMdRzDTn7qLWaYyDIfIZwXeozLH5q41HuEGLmmnmflZSsxKKwzX"),
        .init(
            "GitHub fine-grained token",
            "echo 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 | gh auth login --with-token",
            secret:
                "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"
        ),
        .init(
            "AWS access key id", "aws configure set aws_access_key_id AKIAOF6ZL2KXPOLCQWD9",
            secret: "AKIAOF6ZL2KXPOLCQWD9"),
        .init("AWS session key id", "echo ASIABDQ64DGJUAMT2G4U", secret: "ASIABDQ64DGJUAMT2G4U"),
        .init(
            "OpenAI project key",
            "curl https://api.openai.com/v1/models -H \"X-Key: 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\"",
            secret:
                "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"
        ),
        .init(
            "Anthropic key",
            "claude config set apiKey2 sk-ant-api03-CxvnNGdcmyHc7E4nSmwfIp7-JoppZrDDs7YvcX1eYgURZEQ3PZgPsTF2bUnxiP3zcCr1Y6ffeIIemGpb3EfKoNSvphIk7AA",
            secret:
                "sk-ant-api03-CxvnNGdcmyHc7E4nSmwfIp7-JoppZrDDs7YvcX1eYgURZEQ3PZgPsTF2bUnxiP3zcCr1Y6ffeIIemGpb3EfKoNSvphIk7AA"
        ),
        .init(
            "Anthropic admin key",
            "echo sk-ant-admin01-s4pqL0KJFlK6CXzU6M98NdFQCyXYbTuEPP_IKBLhcuiS4hX4TnCt1RTrzJm8Iq0na0p-Yt1JoW56KTLTYXPa-W4MxMs3WAA",
            secret:
                "sk-ant-admin01-s4pqL0KJFlK6CXzU6M98NdFQCyXYbTuEPP_IKBLhcuiS4hX4TnCt1RTrzJm8Iq0na0p-Yt1JoW56KTLTYXPa-W4MxMs3WAA"
        ),
        .init(
            "Twilio API key", "twilio login --api-key-sid SK72aa7a6d0018f99ddceb1be0273dbc46",
            secret: "SK72aa7a6d0018f99ddceb1be0273dbc46"),
        .init(
            "Mailgun API key",
            "curl -s https://api.mailgun.net/v3/domains && echo key-dfcea25bab29539ad5966d513b1d0090",
            secret: "key-dfcea25bab29539ad5966d513b1d0090"),
        .init(
            "Heroku API key",
            "heroku auth:token && echo HRKU-AAMYmbdzw-Isz0psundmjv_73hbPsETJveImiSy5XcgCYf4gEFCfuwOa6M1G",
            secret: "HRKU-AAMYmbdzw-Isz0psundmjv_73hbPsETJveImiSy5XcgCYf4gEFCfuwOa6M1G"),
        .init(
            "Linear API key",
            "curl https://api.linear.app/graphql -H \"Authorization: lin_api_94F8epRyRTLoAtz4TFbY3pflkwyla4szJxhvI3yv\"",
            secret: "lin_api_94F8epRyRTLoAtz4TFbY3pflkwyla4szJxhvI3yv"),
        .init(
            "PlanetScale token",
            "pscale auth login --service-token pscale_tkn_Zip2SFXy7KSE3eJdRtEqlzIq47EuVTBZWAM8AD5qH4V",
            secret: "pscale_tkn_Zip2SFXy7KSE3eJdRtEqlzIq47EuVTBZWAM8AD5qH4V"),
        .init(
            "PlanetScale password",
            "mysql -h aws.connect.psdb.cloud -u app db --ssl-ca=/etc/ssl/cert.pem ; echo pscale_pw_FZBqplIXdsNbXlwDPyniUMyiNlCKqZKTZ7qJwdUS0d7",
            secret: "pscale_pw_FZBqplIXdsNbXlwDPyniUMyiNlCKqZKTZ7qJwdUS0d7"),
        .init(
            "Postman API key",
            "newman run https://api.getpostman.com/collections/1?apikey=PMAK-7cb3593871c15d694c1957f8-db03911731a6b2dc782bdeae16d4f61855",
            secret: "PMAK-7cb3593871c15d694c1957f8-db03911731a6b2dc782bdeae16d4f61855"),
        .init(
            "Postman API key bare",
            "postman login --with-api-key PMAK-78715bbd26944ff770e4b944-7a3d54ec6390bf61189639e35aeeb95210",
            secret: "PMAK-78715bbd26944ff770e4b944-7a3d54ec6390bf61189639e35aeeb95210"),
        .init(
            "Pulumi token",
            "pulumi login --cloud-url https://api.pulumi.com <<< pul-ef2a83fdf6a0b29872400c49b5539ac5ba7b4b87",
            secret: "pul-ef2a83fdf6a0b29872400c49b5539ac5ba7b4b87"),
        .init(
            "Grafana Cloud token",
            "grafana-agent --config.expand-env -token glc_dcgKZO60Tz5d8nFBFUktMLOfjSokiCOzfc2CEmnUxac1N21Y",
            secret: "glc_dcgKZO60Tz5d8nFBFUktMLOfjSokiCOzfc2CEmnUxac1N21Y"),
        .init(
            "Grafana service account token",
            "curl http://grafana:3000/api/dashboards -H \"Authorization: Bearer glsa_GBjseQdGTA4veCaQ90l5UkysaCZKRwKm_f2aed4c2\"",
            secret: "glsa_GBjseQdGTA4veCaQ90l5UkysaCZKRwKm_f2aed4c2"),
        .init(
            "New Relic user key", "newrelic profile add --apiKey2 NRAK-DVT0X4ITV7BMO2FJX90X7P2ZQHO",
            secret: "NRAK-DVT0X4ITV7BMO2FJX90X7P2ZQHO"),
        .init(
            "Atlassian API token",
            "curl -u me@acme.com:ATATT3xzoCGmyG_D6Cok0j4ron6Yvy8lrVhZEgVfbB6Mpr2lzoTvURbGpEVT_fTmTPoeFGTy5c4oc_ojHxtLWsGI4bdRt_9eejxY8u5YDjUQBNqfBvU7Q7XTOaQ9QDcF6fssIXIiHTremz2mUKEsjMRUFSZQhRP9VFEStrAa6Z5YMvisMNGRjykwMT7T2i_O https://acme.atlassian.net/rest/api/3/myself",
            secret:
                "ATATT3xzoCGmyG_D6Cok0j4ron6Yvy8lrVhZEgVfbB6Mpr2lzoTvURbGpEVT_fTmTPoeFGTy5c4oc_ojHxtLWsGI4bdRt_9eejxY8u5YDjUQBNqfBvU7Q7XTOaQ9QDcF6fssIXIiHTremz2mUKEsjMRUFSZQhRP9VFEStrAa6Z5YMvisMNGRjykwMT7T2i_O"
        ),
        .init(
            "DigitalOcean token",
            "doctl auth init --access-token x && echo dop_v1_5880587061ce6936714122a40680a06aa0fca51d12afc8e00aa1da5204642bbd",
            secret: "dop_v1_5880587061ce6936714122a40680a06aa0fca51d12afc8e00aa1da5204642bbd"),
        .init(
            "age secret key",
            "echo AGE-SECRET-KEY-1KF4WS7ZNA3H3GSQ7XHFWE9PG8RDTSHFT2PK0ULDKCAD5PXQYEKRWC6CWPS > key.txt && age -d -i key.txt secrets.age",
            secret: "AGE-SECRET-KEY-1KF4WS7ZNA3H3GSQ7XHFWE9PG8RDTSHFT2PK0ULDKCAD5PXQYEKRWC6CWPS"),
        .init(
            "Square access token",
            "curl https://connect.squareup.com/v2/locations -H \"Square-Version: 2024-01-18\" -H \"X-Sq: sq0atp-cH3EDTAP2JM-Bu9IrMKlQa\"",
            secret: "sq0atp-cH3EDTAP2JM-Bu9IrMKlQa"),
        .init(
            "Square OAuth secret", "echo sq0csp-_FuO5BgAUf4x3rMdotbrMtTmv7Yl1RYQeEzberD3ncg",
            secret: "sq0csp-_FuO5BgAUf4x3rMdotbrMtTmv7Yl1RYQeEzberD3ncg"),
        .init(
            "Square access token EAAA",
            "square-cli --env prod EAAAOiop_r2awCsoT-jSBCjIwbHIifzg0UIbPf6KQ0IZ2O1XtXX0saEGWEzolegZ",
            secret: "EAAAOiop_r2awCsoT-jSBCjIwbHIifzg0UIbPf6KQ0IZ2O1XtXX0saEGWEzolegZ"),
        .init(
            "Alibaba access key id", "aliyun configure set --access-key-id LTAISJuRPCJQuDKaEVP2EGvL",
            secret: "LTAISJuRPCJQuDKaEVP2EGvL"),
        .init(
            "Google OAuth client secret",
            "gcloud auth application-default login --client-id-file=x.json # 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",
            secret: "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"),
        .init(
            "Google OAuth access token",
            "curl -H \"X-Goog: ya29.PWU2p0tGWnUTM5lJYL5o59wtaqU_EVRWGczaHhwNJPGEH4l-lzq2LVf4WUfL03GTEXqyViAQjk5WY1-dn77318wi4Y_rbDzZfLQX6plCjbn-lB6hzQ9h1r0g\" https://www.googleapis.com/drive/v3/files",
            secret:
                "ya29.PWU2p0tGWnUTM5lJYL5o59wtaqU_EVRWGczaHhwNJPGEH4l-lzq2LVf4WUfL03GTEXqyViAQjk5WY1-dn77318wi4Y_rbDzZfLQX6plCjbn-lB6hzQ9h1r0g"
        ),
        .init(
            "Notion token", "echo ntn_3OjuvmHalIrHqfuyqQ2tJzG4ARdttp3yZB2IqtmidnIPx7",
            secret: "ntn_3OjuvmHalIrHqfuyqQ2tJzG4ARdttp3yZB2IqtmidnIPx7"),
        .init(
            "Perplexity key", "echo 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",
            secret: "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"),
        .init(
            "Brevo key",
            "echo 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",
            secret:
                "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"),
        .init(
            "RubyGems key",
            "gem signin --otp 123456 <<< rubygems_6f89264f879130b64915abef7ab5392e335ce1113d4db2b5",
            secret: "rubygems_6f89264f879130b64915abef7ab5392e335ce1113d4db2b5"),
        .init(
            "Sentry user token",
            "sentry-cli --auth-token2 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 releases list",
            secret: "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"),
        .init(
            "Scalingo token",
            "scalingo login --api-token2 tk-us-xbO00elFsvtSrAzCQia9e-QiizgU0lSu--rHMg7v3XMoiGDE",
            secret: "tk-us-xbO00elFsvtSrAzCQia9e-QiizgU0lSu--rHMg7v3XMoiGDE"),
        .init(
            "Microsoft Teams webhook",
            "curl -H \"Content-Type: application/json\" -d '{\"text\":\"hi\"}' https://acme.webhook.office.com/webhookb2/6e7f1cca-cc27-ad90-9f03-fdd9e4a62bce@19a285ed-7361-c5c8-a4b5-7bc9fa65c005/IncomingWebhook/37e8b3c48d2ae89b9c1ffb013ce94e1a/f408461c-5879-0dd2-cfb8-a5f1b4615959",
            secret:
                "6e7f1cca-cc27-ad90-9f03-fdd9e4a62bce@19a285ed-7361-c5c8-a4b5-7bc9fa65c005/IncomingWebhook/37e8b3c48d2ae89b9c1ffb013ce94e1a/f408461c-5879-0dd2-cfb8-a5f1b4615959"
        ),
        .init(
            "RSA private key heredoc",
            "cat > ~/.ssh/deploy_key <<'EOF'\n-----BEGIN RSA PRIVATE KEY-----\ngMXUxIN8zP4ZnHUYOX8IoA50uOftJ80jJYUYKpH5bfNTUHFim0oNvwpZYRZY/RSx\ns0KrBRi0iaE3ZBJqtCEpKeWKqXJiIBCNmUkUcjpPBa6r5Jh5ef7o9CLRQDBAKdCw\ndI2ViJloZX0ChVQGj9r366yRyoZvKyjc4zzHzLcciTA1bHTuOTNnfwT1d6nRntU8\n+kRO8qnGXATGcyJ3Xu3rrboBWdbl7fAjPR7+AaFATWnmqz464ig8vZE88sp/WiED\n-----END RSA PRIVATE KEY-----\nEOF\nchmod 600 ~/.ssh/deploy_key",
            secret:
                "gMXUxIN8zP4ZnHUYOX8IoA50uOftJ80jJYUYKpH5bfNTUHFim0oNvwpZYRZY/RSx\ns0KrBRi0iaE3ZBJqtCEpKeWKqXJiIBCNmUkUcjpPBa6r5Jh5ef7o9CLRQDBAKdCw\ndI2ViJloZX0ChVQGj9r366yRyoZvKyjc4zzHzLcciTA1bHTuOTNnfwT1d6nRntU8\n+kRO8qnGXATGcyJ3Xu3rrboBWdbl7fAjPR7+AaFATWnmqz464ig8vZE88sp/WiED"
        ),
        .init(
            "OpenSSH private key printf",
            "printf '%s\\n' '-----BEGIN OPENSSH PRIVATE KEY-----' 'gMXUxIN8zP4ZnHUYOX8IoA50uOftJ80jJYUYKpH5bfNTUHFim0oNvwpZYRZY/RSx' '-----END OPENSSH PRIVATE KEY-----' > id_ed25519",
            secret: "gMXUxIN8zP4ZnHUYOX8IoA50uOftJ80jJYUYKpH5bfNTUHFim0oNvwpZYRZY/RSx"),
        .init(
            "EC private key echo -e",
            "echo -e \"-----BEGIN EC PRIVATE KEY-----\\ns0KrBRi0iaE3ZBJqtCEpKeWKqXJiIBCNmUkUcjpPBa6r5Jh5ef7o9CLRQDBAKdCw\\n-----END EC PRIVATE KEY-----\" > ec.pem",
            secret: "s0KrBRi0iaE3ZBJqtCEpKeWKqXJiIBCNmUkUcjpPBa6r5Jh5ef7o9CLRQDBAKdCw"),
        .init(
            "PKCS8 private key in JSON",
            "{\"type\":\"service_account\",\"private_key_id\":\"abc\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\ndI2ViJloZX0ChVQGj9r366yRyoZvKyjc4zzHzLcciTA1bHTuOTNnfwT1d6nRntU8\\n-----END PRIVATE KEY-----\\n\"}",
            secret: "dI2ViJloZX0ChVQGj9r366yRyoZvKyjc4zzHzLcciTA1bHTuOTNnfwT1d6nRntU8"),
        .init(
            "PGP private key block",
            "gpg --import <<EOF\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n+kRO8qnGXATGcyJ3Xu3rrboBWdbl7fAjPR7+AaFATWnmqz464ig8vZE88sp/WiED\n-----END PGP PRIVATE KEY BLOCK-----\nEOF",
            secret: "+kRO8qnGXATGcyJ3Xu3rrboBWdbl7fAjPR7+AaFATWnmqz464ig8vZE88sp/WiED"),
        .init(
            "cut private key",
            "cat > k.pem <<EOF\n-----BEGIN PRIVATE KEY-----\ngMXUxIN8zP4ZnHUYOX8IoA50uOftJ80jJYUYKpH5",
            secret: "gMXUxIN8zP4ZnHUYOX8IoA50uOftJ80jJYUYKpH5"),
        .init("_KEY assignment", "export STRIPE_KEY=azKYV0oOVVPcpg6mZa", secret: "azKYV0oOVVPcpg6mZa"),
        .init(
            "_KEY in docker -e", "docker run -e MAPBOX_KEY=cDdzp879oXRc7JOK6AqcjDbEW9gW4Tgl -p 8080:80 web",
            secret: "cDdzp879oXRc7JOK6AqcjDbEW9gW4Tgl"),
        .init("_PASS assignment", "DB_PASS=jZHkNGugGY94y6 npm run migrate", secret: "jZHkNGugGY94y6"),
        .init("_PASS export quoted", "export SMTP_PASS=\"4ae2bJP0fGJNNM\"", secret: "4ae2bJP0fGJNNM"),
        .init("_PWD assignment", "MYSQL_ROOT_PWD=YZIeTdQINsDz docker compose up -d", secret: "YZIeTdQINsDz"),
        .init(
            "_PAT assignment", "export AZURE_DEVOPS_EXT_PAT=QaJVnbl1GZ1DnhTPVnQBhNfIHwRgfUp242gfxrtt",
            secret: "QaJVnbl1GZ1DnhTPVnQBhNfIHwRgfUp242gfxrtt"),
        .init(
            "_PAT in env",
            "env GITHUB_PAT=WsjFMKvXmafechRSXMnHyDA7NKPn6WUWYf6b1dTU Rscript -e \"remotes::install_github('acme/pkg')\"",
            secret: "WsjFMKvXmafechRSXMnHyDA7NKPn6WUWYf6b1dTU"),
        .init(
            "_AUTH assignment", "NPM_AUTH=bQRi26BZ4dlN8sCqTiqYt2wb npm publish",
            secret: "bQRi26BZ4dlN8sCqTiqYt2wb"),
        .init(
            "_CREDENTIALS assignment", "export GOOGLE_CREDENTIALS='PWmu4u8PJFb0cRDTQaERkuneO2RUip'",
            secret: "PWmu4u8PJFb0cRDTQaERkuneO2RUip"),
        .init(
            "_CREDS assignment", "BASIC_CREDS=admin:9DknHdPQIp86A76HSX9O ./smoke.sh",
            secret: "9DknHdPQIp86A76HSX9O"),
        .init(
            "Azure AccountKey",
            "az storage blob list --connection-string \"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=fPnnsW64aTqBTh8lNCNRkS8VsWzpvq9bfS3nPqN9PPVLjPeMeSzteeUeIaex==;EndpointSuffix=core.windows.net\"",
            secret: "fPnnsW64aTqBTh8lNCNRkS8VsWzpvq9bfS3nPqN9PPVLjPeMeSzteeUeIaex=="),
        .init(
            "Azure SharedAccessKey",
            "export SB=\"Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=ejJhUFPGS4r6XCl5gqtzASSlCU4g37Dvu1nby1Yog2n=\"",
            secret: "ejJhUFPGS4r6XCl5gqtzASSlCU4g37Dvu1nby1Yog2n="),
        .init(
            "\"private_key\": JSON",
            "echo '{\"client_email\":\"a@b.iam.gserviceaccount.com\",\"private_key\":\"ZwQvrNa2me5fkYQQLtQqlcjEg1dyqPfKLodesar2\"}' > sa.json",
            secret: "ZwQvrNa2me5fkYQQLtQqlcjEg1dyqPfKLodesar2"),
        .init(
            "PRIVATE_KEY assignment",
            "DEPLOYER_PRIVATE_KEY=0x7i79wxIUlixYVqxxkHQh3p6YksWy7WboPm4oWy2x npx hardhat run deploy.js",
            secret: "7i79wxIUlixYVqxxkHQh3p6YksWy7WboPm4oWy2x"),
        .init(
            "privateKey JSON", "node -e 'sign({privateKey: \"pP5Eq3adgQy1xpsbECFh\"})'",
            secret: "pP5Eq3adgQy1xpsbECFh"),
        .init("--db-pass flag", "./migrate --db-pass hDJTFfzhFE7l6oBC --host db", secret: "hDJTFfzhFE7l6oBC"),
        .init(
            "passphrase flag", "gpg --batch --passphrase dhmerxCEp7vJdeGo -d secrets.gpg",
            secret: "dhmerxCEp7vJdeGo"),
        .init(
            "mysql -p attached", "mysql -h db.internal -u root -pEVnKN3972yhd app < dump.sql",
            secret: "EVnKN3972yhd"),
        .init("mysql -p quoted", "mysql -uroot -p'8BHdpHkG3ung' -e 'SHOW DATABASES'", secret: "8BHdpHkG3ung"),
        .init(
            "mysqldump -p", "mysqldump -u backup -pfEqD78DYUieZ --single-transaction shop > shop.sql",
            secret: "fEqD78DYUieZ"),
        .init("mysqladmin -p", "mysqladmin -u root -pCOugnrQYxehT status", secret: "COugnrQYxehT"),
        .init("mariadb -p", "mariadb -u app -pEEqlGaOPZG5b app", secret: "EEqlGaOPZG5b"),
        .init(
            "curl -u user:pass", "curl -u deploy:PERVcIPoXFQM https://ci.example.com/job/build/api/json",
            secret: "PERVcIPoXFQM"),
        .init(
            "curl --user", "curl --user \"admin:iPxjyZ48uVc2\" -X POST https://jenkins.local/reload",
            secret: "iPxjyZ48uVc2"),
        .init(
            "curl -u attached",
            "curl -sSuadmin:x https://x.local && curl -uadmin:2xQ5PlSobMD5 https://nexus.local/service/rest/v1/status",
            secret: "2xQ5PlSobMD5"),
        .init(
            "curl --user=", "curl --user=ops:UfCn2csCi1mt https://grafana.local/api/health",
            secret: "UfCn2csCi1mt"),
        .init(
            "curl --proxy-user",
            "curl --proxy http://proxy:3128 --proxy-user bob:VuLm8ezbRkax https://example.com",
            secret: "VuLm8ezbRkax"),
        .init(
            "sshpass -p", "sshpass -p 8EoeExG28VFR ssh -o StrictHostKeyChecking=no pi@192.168.1.20",
            secret: "8EoeExG28VFR"),
        .init(
            "sshpass -p quoted", "sshpass -p 'nN5nm1EmtYDr' scp build.tar.gz deploy@web1:/srv",
            secret: "nN5nm1EmtYDr"),
        .init(
            "docker login -p", "docker login registry.example.com -u ci -p o9WucAlvAQTb",
            secret: "o9WucAlvAQTb"),
        .init("podman login -p", "podman login -u ci -p KxXkp01ajMZq quay.io", secret: "KxXkp01ajMZq"),
        .init(
            "helm registry login -p", "helm registry login ghcr.io -u acme -p MDEJJTyiqpJh",
            secret: "MDEJJTyiqpJh"),
        .init(
            "redis-cli -a", "redis-cli -h cache.internal -a r9Aj6iHiLu4W INFO memory", secret: "r9Aj6iHiLu4W"),
        .init(
            "redis-cli -a with --no-auth-warning",
            "redis-cli --no-auth-warning -a \"dkoBkfL0CYAq\" -n 2 FLUSHDB", secret: "dkoBkfL0CYAq"),
        .init("zip -P", "zip -r -P 4KQo3j9Vr98T backup.zip ./data", secret: "4KQo3j9Vr98T"),
        .init("unzip -P", "unzip -P AgdB60g9b5se backup.zip -d restore", secret: "AgdB60g9b5se"),
        .init("7z -p", "7z a -psW9l3iAeHy2t -mhe=on secrets.7z secrets/", secret: "sW9l3iAeHy2t"),
        .init("7z x -p", "7z x -pZQPTGLhCpFQH secrets.7z", secret: "ZQPTGLhCpFQH"),
        .init(
            "openssl pass:",
            "openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:LRZx5H9JmBeL",
            secret: "LRZx5H9JmBeL"),
        .init(
            "openssl enc -k", "openssl enc -aes-256-cbc -salt -in a.txt -out a.enc -k 5qKyl3S9qPpA",
            secret: "5qKyl3S9qPpA"),
        .init(
            "openssl -passin", "openssl rsa -in enc.key -passin pass:x9HqR0eSVdNR -out dec.key",
            secret: "x9HqR0eSVdNR"),
        .init(
            "htpasswd -b", "htpasswd -b -c /etc/nginx/.htpasswd admin EnRuZ6aCEvRW", secret: "EnRuZ6aCEvRW"),
        .init("htpasswd -nb", "htpasswd -nbB admin T9P4lD9uYoBf >> users", secret: "T9P4lD9uYoBf"),
        .init("htpasswd -bBC", "htpasswd -bBC 10 .htpasswd alice 9nIAz9i5VoxV", secret: "9nIAz9i5VoxV"),
        .init(
            "gh secret set --body",
            "gh secret set DEPLOY_TOKEN2 --body TxyQFXxioOn4rhcGi4zNAPeE --repo acme/app",
            secret: "TxyQFXxioOn4rhcGi4zNAPeE"),
        .init(
            "gh secret set -b", "gh secret set NPM_TOKEN2 -b\"LD8vKIwwTWBulZESbRRXkzxh\"",
            secret: "LD8vKIwwTWBulZESbRRXkzxh"),
        .init(
            "gh secret set --body=",
            "gh secret set API_TOKEN2 --repo acme/app --body=\"9OXs1JPnOpTL9XmxX2tPqk0e\"",
            secret: "9OXs1JPnOpTL9XmxX2tPqk0e"),
        .init(
            "kubectl --from-literal",
            "kubectl create secret generic db --from-literal=username=app --from-literal=pw=MD2Q4XLcm5aMIAUJ",
            secret: "MD2Q4XLcm5aMIAUJ"),
        .init(
            "kubectl --from-literal separated",
            "kubectl -n prod create secret generic api --from-literal API_SEED=rbeZa1lfSpalolq5",
            secret: "rbeZa1lfSpalolq5"),
        .init(
            "ldapsearch -w",
            "ldapsearch -x -H ldap://ldap -D \"cn=admin,dc=acme,dc=org\" -w TYpbbhf7fmjE -b dc=acme,dc=org",
            secret: "TYpbbhf7fmjE"),
        .init(
            "sqlcmd -P", "sqlcmd -S localhost -U sa -P veHwusAVE3qv -Q \"SELECT 1\"", secret: "veHwusAVE3qv"),
        .init(
            "mongosh -p",
            "mongosh \"mongodb://db:27017/app\" -u admin -p d7fqkqfeNdSq --authenticationDatabase admin",
            secret: "d7fqkqfeNdSq"),
        .init(
            "smbclient -U user%pass", "smbclient //nas/share -U alice%iY3UvvGFjmM7 -c ls",
            secret: "iY3UvvGFjmM7"),
        .init(
            "wget --http-password",
            "wget --http-user=bob --http-password=JZdWj1SBysTb https://files.local/a.iso",
            secret: "JZdWj1SBysTb"),
        .init(
            ".netrc heredoc",
            "cat > ~/.netrc <<EOF\nmachine api.heroku.com\n  login me@acme.com\n  password otZeZEgeLjmYTCZD\nEOF",
            secret: "otZeZEgeLjmYTCZD"),
        .init(
            ".netrc one line", "echo \"machine github.com login acme password Y0oNf0QEKBiam7Ln\" >> ~/.netrc",
            secret: "Y0oNf0QEKBiam7Ln"),
        .init(
            "YAML password in heredoc",
            "cat > config.yml <<'EOF'\ndatabase:\n  user: app\n  password: g1ODpWqGBHIvUdbo\nEOF",
            secret: "g1ODpWqGBHIvUdbo"),
        .init(
            ".env heredoc",
            "cat > .env <<EOF\nDATABASE_URL=postgres://app@db/app\nREDIS_PASS=UboGsnOTSDNm5lnt\nEOF",
            secret: "UboGsnOTSDNm5lnt"),
        .init(
            "YAML list password",
            "tee creds.yml <<EOF\nusers:\n  - name: ci\n    token: Q5qikdoDXv0TTR9S\nEOF",
            secret: "Q5qikdoDXv0TTR9S"),
        .init(
            "OAuth code", "https://app.example.com/oauth/callback?code=YZtzuHUtdXMufsduGpjl&state=xyz",
            secret: "YZtzuHUtdXMufsduGpjl"),
        .init(
            "jwt param",
            "https://app.example.com/embed?jwt=eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7&theme=dark",
            secret:
                "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiMTIzNDU2Nzg5MCIsICJuYW1lIjogImRldiIsICJpYXQiOiAxNzE2MjM5MDIyfQ.PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O7"
        ),
        .init(
            "pass param", "http://192.168.1.1/login.cgi?user=admin&pass=7O4pDbmuhYGT", secret: "7O4pDbmuhYGT"),
        .init(
            "sig param",
            "https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&se=2026-01-01&sp=r&sig=H3xRTEHtXegQeNyBEeqZ",
            secret: "H3xRTEHtXegQeNyBEeqZ"),
        .init(
            "pwd param", "https://nas.local/api?method=login&account=admin&db-pwd=QGoCu2E8TAXTxICX7U7u",
            secret: "QGoCu2E8TAXTxICX7U7u"),
        .init(
            "id_jwt param", "https://h.example/cb#id_jwt=NdgXDfO7ric286JieDRN", secret: "NdgXDfO7ric286JieDRN"
        ),
        .init("auth param", "https://cam.local/snapshot.jpg?auth=ctQe2WQXvBHf", secret: "ctQe2WQXvBHf"),
        .init(
            "apikey in WebSearch-like query", "\"api_key=jzSgT9Vdcs6XQiHgSeuk\" site:github.com",
            secret: "jzSgT9Vdcs6XQiHgSeuk"),
        .init(
            "Grep pattern with a token", "ghp_0IM1AkplyWZBTvxh5pDJhfq8V85U5yEo9lMZ|gho_",
            secret: "ghp_0IM1AkplyWZBTvxh5pDJhfq8V85U5yEo9lMZ"),
        .init(
            "error line with URL password",
            "fatal: unable to access 'https://bob:sWDzTmUYiVm69Fg3@git.acme.com/app.git/': The requested URL returned error: 403",
            secret: "sWDzTmUYiVm69Fg3"),
        .init(
            "error with a password flag", "Error: mysql -uroot -p0GvZpbqGE0Sj2Nuu failed with exit code 1",
            secret: "0GvZpbqGE0Sj2Nuu"),
    ]

    /// Text that looks like it could hold a secret but does not, and must come back unchanged.
    static let nearMisses: [String] = [
        "export GITHUB_TOKEN=$(gh auth token)",
        "export GH_TOKEN=\"$(gh auth token)\"",
        "export OPENAI_API_KEY=${OPENAI_API_KEY:-}",
        "export NPM_TOKEN=$NPM_TOKEN && npm publish",
        "docker run -u 1000:1000 -v \"$PWD\":/src node:20 npm test",
        "docker run -p 8080:80 -p 5432:5432 postgres:16",
        "docker login -u acme --password-stdin ghcr.io",
        "curl \"https://api.example.com/results?sig_figs=3&units=metric\"",
        "curl \"https://api.example.com/items?token_type=bearer&page=2\"",
        "curl \"https://maps.example.com/?country_code=FR&zip_code=75001&status_code=200\"",
        "curl https://example.com/?sort_key=name&key_id=7",
        "mysql -u root -p app",
        "mysql -h db -u app -P 3306 app",
        "mkdir -p /tmp/build && cp -pr src /tmp/build",
        "ssh -p 2222 deploy@web1",
        "redis-cli -h cache -p 6379 PING",
        "zip -r site.zip public/",
        "7z x archive.7z -o/tmp/out",
        "openssl req -new -key env.key -passin env:KEY_PASS -out req.csr",
        "openssl enc -d -aes-256-cbc -in a.enc -pass file:./pw.txt",
        "htpasswd -c /etc/nginx/.htpasswd admin",
        "gh secret list --repo acme/app",
        "gh variable set REGION --body eu-west-1",
        "kubectl create configmap app --from-literal=LOG_LEVEL=debug",
        "kubectl get secret db -o jsonpath=\"{.data.password}\"",
        "curl -u admin https://ci.example.com/api",
        "aws dynamodb get-item --table-name users --key '{\"id\": {\"S\": \"42\"}}'",
        "terraform apply -var partition_key=id -var sort_key=created_at",
        "ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -C \"dev@acme\"",
        "curl --key ~/.certs/client.key --cert ~/.certs/client.crt https://mtls.example.com",
        "export SSH_KEY=~/.ssh/id_ed25519",
        "export KMS_KEY=alias/app",
        "export PUBLIC_KEY=pk_live_abc",
        "ffmpeg -i in.mp4 -c:v libx264 -b:v 2M -pass 1 -f null /dev/null",
        "grep -rn \"BEGIN RSA PRIVATE KEY\" .",
        "grep -r password src/ && grep -rn \"passwd\" /etc/pam.d",
        "rg -n \"sk_live_|sk_test_\" src",
        "git commit -m \"Rotate the Slack webhook and the SendGrid key\"",
        "git log --grep=\"token: refresh\" --oneline",
        "echo \"Use SG. keys, AIza keys and eyJ tokens carefully\"",
        "npm install dotenv@16 && npm run build -- --mode production",
        "pip install sk-learn huggingface_hub hf_transfer",
        "echo 1234567890:notatoken and 12345:AB",
        "ls -la ~/.netrc ~/.pgpass",
        "python manage.py createsuperuser --username admin --email a@acme.com",
        "psql \"host=db user=app dbname=shop sslmode=require\"",
        "curl https://hooks.slack.com/ && curl https://discord.com/api/webhooks",
        "curl -I https://www.googleapis.com/discovery/v1/apis",
        "cat ~/.docker/config.json | jq .auths",
        "echo $DB_PASS | wc -c",
        "vault kv get -field=password secret/app",
        "awk -F: '{print $1}' /etc/passwd",
        "kubectl logs deploy/api --since=1h | grep -i \"invalid token\"",
        "swift test --filter RedactorTests",
    ]
}
