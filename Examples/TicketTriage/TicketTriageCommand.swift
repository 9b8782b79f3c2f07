import ArgumentParser

/// `ticket-triage`: the technician's queue and the everyday changes to a ticket, from a terminal,
/// on the SQLite database of ticket-server, through `TicketService` (no HTTP).
@main
struct TicketTriageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-triage",
        abstract: "Work the IT ticket queue from a terminal, on ticket-server's SQLite database.",
        discussion: """
            Every command acts as the account --as names, signed in with the password in \
            \(TriageOptions.passwordVariable), and is allowed or refused exactly as the same request over \
            HTTP would be. Stop ticket-server first: one process at a time uses a SQLite database.
            """,
        subcommands: [QueueCommand.self, ShowCommand.self, AssignCommand.self, StatusCommand.self, CommentCommand.self]
    )
}
