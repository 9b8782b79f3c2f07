import ArgumentParser
import Foundation
import TicketCore

/// `ticket-triage queue`: the active tickets in the order they should be worked.
struct QueueCommand: TriageCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "List the active tickets in the order to work them: highest priority first, then oldest."
    )

    @OptionGroup var global: TriageOptions

    @Option(help: "How many tickets to list (1-\(PageRequest.maximumLimit)).")
    var limit = 20

    func validate() throws {
        guard (1...PageRequest.maximumLimit).contains(self.limit) else {
            throw ValidationError("--limit must be between 1 and \(PageRequest.maximumLimit)")
        }
    }

    func perform(in session: TriageSession, output: TriageOutput) async throws {
        let queue = try await TriageQueue.read(limit: self.limit, from: session.service, by: session.actor)
        guard !queue.tickets.isEmpty else {
            output.line("No active tickets.")
            return
        }
        let now = Date()
        output.line(Self.row("ID", "PRIORITY", "STATUS", "AGE", "TITLE"))
        for ticket in queue.tickets {
            output.line(
                Self.row(
                    ticket.id.description, ticket.priority.rawValue, ticket.status.rawValue,
                    TicketText.age(from: ticket.createdAt, to: now), TicketText.clipped(ticket.title, to: 60)
                )
            )
        }
        output.line("\(queue.tickets.count) of \(queue.total) active tickets.")
    }

    /// One line of the table, its columns aligned.
    private static func row(_ id: String, _ priority: String, _ status: String, _ age: String, _ title: String) -> String {
        [
            TicketText.padded(id, to: 6), TicketText.padded(priority, to: 9), TicketText.padded(status, to: 11),
            TicketText.padded(age, to: 5), title,
        ].joined(separator: " ")
    }
}
