@preconcurrency import Glibc
import SessionLogCore

// The hook takes no arguments; Claude Code passes the payload on stdin.
exit(Hook.run().rawValue)
