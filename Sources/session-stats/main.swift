import SessionLogCore
import SessionStats

CurrentProcess.exit(StatsCommand.run(Array(CommandLine.arguments.dropFirst())).rawValue)
