import SessionLogCore
import SessionStats

CurrentProcess.ignoreBrokenPipe()
CurrentProcess.exit(StatsCommand.run(Array(CommandLine.arguments.dropFirst())).rawValue)
