import SessionLogCore

// The hook takes no arguments; Claude Code passes the payload on stdin.
CurrentProcess.exit(Hook.run().rawValue)
