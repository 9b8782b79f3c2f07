import ArgumentParser

/// `ticket-server`: the IT ticket system's server and its tools.
@main
struct TicketServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-server",
        abstract: "The IT ticket system: a small office's help desk as a JSON API.",
        subcommands: [ServeCommand.self, GenerateCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
