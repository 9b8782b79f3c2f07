import ArgumentParser
import Foundation
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

    /// Sets up the log (``LogLineHandler``) before running the command, and writes what it
    /// holds back when the process exits, however the command ends.
    static func main() async {
        LoggingSystem.bootstrap(LogLineHandler.standardError)
        atexit { LogOutput.standardError.flush() }
        await Self.main(nil)
    }
}
