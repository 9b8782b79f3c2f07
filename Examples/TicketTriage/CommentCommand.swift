import ArgumentParser
import TicketCore

/// `ticket-triage comment ID TEXT`: adds a comment to a ticket.
struct CommentCommand: TriageCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment",
        abstract: "Add a comment to a ticket."
    )

    @OptionGroup var global: TriageOptions

    @Argument(help: "The ticket's number.")
    var id: Int64

    @Argument(help: "The comment (quote it).")
    var text: String

    func validate() throws {
        guard self.id >= 1 else { throw ValidationError("the ticket number must be positive") }
    }

    func run() async throws {
        try await TriageRunner.main(self)
    }

    func perform(in session: TriageSession, output: TriageOutput) async throws {
        let added = try await session.service.addComment(to: Ticket.ID(self.id), content: self.text, by: session.actor)
        output.line("Ticket \(added.ticket.id): comment \(added.comment.id) added.")
    }
}
