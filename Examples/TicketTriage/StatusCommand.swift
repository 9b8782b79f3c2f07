import ArgumentParser
import Foundation
import TicketCore

/// `ticket-triage status ID NEW_STATUS`: moves a ticket through its workflow.
struct StatusCommand: TriageCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Change a ticket's status."
    )

    @OptionGroup var global: TriageOptions

    @OptionGroup var ticket: TicketArgument

    @Argument(
        help: ArgumentHelp(
            "incoming, open, in progress, on hold, resolved or closed (in-progress and on-hold need no quotes).",
            valueName: "new-status"
        )
    )
    var status: String

    func perform(in session: TriageSession, output: TriageOutput) async throws {
        // The service parses and checks the name; only the shell-friendly spelling is ours.
        let status = self.status.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let details = try await session.service.updateTicket(
            self.ticket.id, with: TicketChangesInput(status: status), expectedVersion: nil, by: session.actor
        )
        output.line("Ticket \(details.ticket.id) is \(details.ticket.status.rawValue).")
    }
}
