import ArgumentParser
import Logging

/// `ticket-server`: the IT ticket system's server and its tools.
@main
struct TicketServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-server",
        abstract: "The IT ticket system: a small office's help desk as a JSON API.",
        subcommands: [ServeCommand.self, GenerateCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    /// Sets up the log (``LogLineHandler``) before running the command.
    static func main() async {
        LoggingSystem.bootstrap(LogLineHandler.standardError)
        do {
            var command = try Self.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
            LogOutput.standardError.flush()
        } catch {
            LogOutput.standardError.flush()
            Self.exit(withError: error)
        }
    }
}
