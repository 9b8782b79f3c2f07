import ArgumentParser
import TicketCore

/// The options every subcommand takes: which database, and who is acting.
struct TriageOptions: ParsableArguments {
    /// The environment variable that holds the acting account's password (never an option: it
    /// would show in the process list and the shell's history).
    static let passwordVariable = "TICKETS_TRIAGE_PASSWORD"

    @Option(help: "The SQLite database file of ticket-server (it must exist already).")
    var database: String

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The email of the account to act as; its password is read from \(TriageOptions.passwordVariable).",
            valueName: "email"
        )
    )
    var actingEmail: String
}

/// The ticket a subcommand works on: its number, a positive integer.
struct TicketArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The ticket's number.", valueName: "id"))
    var number: Int64

    func validate() throws {
        guard self.number >= 1 else { throw ValidationError("the ticket number must be positive") }
    }

    /// The ticket's id.
    var id: Ticket.ID { Ticket.ID(self.number) }
}
