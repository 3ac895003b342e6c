@preconcurrency import Glibc
import SessionStats

exit(StatsCommand.run(Array(CommandLine.arguments.dropFirst())).rawValue)
