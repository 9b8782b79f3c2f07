import ArgumentParser
import TicketCore

/// `ticket-triage comment ID TEXT`: adds a comment to a ticket.
struct CommentCommand: TriageCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment",
        abstract: "Add a comment to a ticket."
    )

    @OptionGroup var global: TriageOptions

    @OptionGroup var ticket: TicketArgument

    @Argument(help: "The comment (quote it).")
    var text: String

    func perform(in session: TriageSession, output: TriageOutput) async throws {
        let added = try await session.service.addComment(to: self.ticket.id, content: self.text, by: session.actor)
        output.line("Ticket \(added.ticket.id): comment \(added.comment.id) added.")
    }
}
