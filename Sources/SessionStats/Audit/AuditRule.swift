/// The audit's rules: what each one looks for, and how severe a match is.
///
/// The matching itself is in `AuditRules`; this is the table reports and the README describe.
public enum AuditRule: String, CaseIterable, Sendable {
    /// Read, Edit, Write, MultiEdit or NotebookEdit of a credential file (see `CredentialPath`).
    case credentialFile = "credential-file"
    /// `rm -r` (with or without `-f`) of `/`, a top-level system directory, `~`, `$HOME` or `..`;
    /// `find` with `-delete` or `-exec rm` from one of those.
    case removeRoot = "rm-rf-root"
    /// `git push --force`, `-f` or a `+refspec`.
    case forcePush = "git-push-force"
    /// `git reset --hard`.
    case hardReset = "git-reset-hard"
    /// `dd … of=/dev/…`, other than `/dev/null` and the standard streams.
    case ddToDevice = "dd-device"
    /// `mkfs`, `mkfs.*`, `mke2fs`.
    case makeFilesystem = "mkfs"
    /// `chmod -R 777` (or `a+rwx`).
    case chmodWorldWritable = "chmod-r-777"
    /// `curl`/`wget` piped into a shell, or a shell, `source` or `eval` run on their output.
    case pipeToShell = "pipe-to-shell"
    /// `git clean -f` (with `-d`, `-x`, …): deletes untracked files, which no commit can bring back.
    case gitClean = "git-clean"
    /// A write into a shell start-up file (`> ~/.bashrc`, `tee -a ~/.zshrc`, or Write/Edit of one):
    /// what is written there runs in every new shell.
    case shellStartupWrite = "shell-startup-write"
    /// A downloaded file run afterwards: `curl -o x.sh URL && bash x.sh`.
    case downloadThenRun = "download-then-run"
    /// `git push --force-with-lease`: refuses to overwrite unseen work, but still rewrites history.
    case forceWithLease = "git-push-force-with-lease"
    /// `rm -rf` of anything else; `find … -delete` or `-exec rm` elsewhere.
    case recursiveRemove = "rm-rf"
    /// A command run with `sudo` or `doas`.
    case sudo = "sudo"
    /// Write, Edit, MultiEdit or NotebookEdit of a file outside the session's working directory.
    case writeOutsideCwd = "write-outside-cwd"
    /// A Bash command naming a credential file, e.g. `cat ~/.aws/credentials`, `cp ~/.ssh/id_rsa …` or
    /// `echo K=v >> .env`: as severe as reading or writing it with Read, Write or Edit.
    case credentialInCommand = "credential-in-command"
    /// A WebFetch, with its URL and domain.
    case webFetch = "web-fetch"

    /// How severe a match is.
    public var severity: AuditSeverity {
        switch self {
        case .credentialFile, .credentialInCommand, .removeRoot, .forcePush, .hardReset, .gitClean,
            .ddToDevice, .makeFilesystem, .chmodWorldWritable, .pipeToShell, .downloadThenRun,
            .shellStartupWrite:
            .high
        case .forceWithLease, .recursiveRemove, .sudo, .writeOutsideCwd: .medium
        case .webFetch: .info
        }
    }

    /// A few words on what matched, for reports.
    public var summary: String {
        switch self {
        case .credentialFile: "credential file"
        case .removeRoot: "recursive delete of /, ~ or .."
        case .forcePush: "force push"
        case .hardReset: "hard reset"
        case .ddToDevice: "dd to a device"
        case .makeFilesystem: "makes a filesystem"
        case .chmodWorldWritable: "recursive chmod 777"
        case .pipeToShell: "download run by a shell"
        case .gitClean: "deletes untracked files"
        case .shellStartupWrite: "writes a shell start-up file"
        case .downloadThenRun: "download run afterwards"
        case .forceWithLease: "force push with lease"
        case .recursiveRemove: "recursive forced delete"
        case .sudo: "sudo"
        case .writeOutsideCwd: "write outside the project"
        case .credentialInCommand: "credential file in a command"
        case .webFetch: "web fetch"
        }
    }
}
