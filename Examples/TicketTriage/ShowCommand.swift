import ArgumentParser
import TicketCore

/// `ticket-triage show ID`: one ticket with its comments and its history.
struct ShowCommand: TriageCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a ticket with its comments and history."
    )

    @OptionGroup var global: TriageOptions

    @OptionGroup var ticket: TicketArgument

    func perform(in session: TriageSession, output: TriageOutput) async throws {
        let details = try await session.service.ticket(self.ticket.id, by: session.actor)
        let history = try await Self.history(of: details.ticket.id, in: session)
        let ticket = details.ticket
        output.line("Ticket \(ticket.id): \(ticket.title)")
        var standing = "  status: \(ticket.status.rawValue), priority: \(ticket.priority.rawValue), category: \(ticket.category ?? "none")"
        if let position = details.standing?.queuePosition {
            standing += ", queue position: \(position)"
        }
        output.line(standing)
        output.line("  reported by \(TicketText.person(details.createdBy)) at \(TicketText.time(ticket.createdAt))")
        output.line("  assigned to \(details.assignedTo.map(TicketText.person) ?? "nobody")")
        if let original = ticket.duplicateOfID {
            output.line("  duplicate of ticket \(original)")
        }
        output.line()
        for line in ticket.description.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            output.line("    \(line)")
        }
        let comments = details.comments ?? []
        output.line()
        output.line("Comments (\(details.commentCount ?? comments.count)):")
        for comment in comments {
            output.line("  \(TicketText.time(comment.comment.createdAt)) \(TicketText.person(comment.author)):")
            for line in comment.comment.content.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
                output.line("    \(line)")
            }
        }
        if let count = details.commentCount, count > comments.count {
            output.line("  (the first \(comments.count) of \(count) are shown)")
        }
        output.line()
        output.line("History:")
        for entry in history {
            output.line("  \(TicketText.time(entry.event.at)) \(entry.actor.name): \(TicketText.sentence(for: entry.event))")
        }
    }

    /// The ticket's whole history, oldest first, read page by page.
    private static func history(of id: Ticket.ID, in session: TriageSession) async throws -> [HistoryEntry] {
        var entries: [HistoryEntry] = []
        var cursor: String?
        repeat {
            let page = try await session.service.history(
                of: id, page: PageInput(limit: String(PageRequest.maximumLimit), cursor: cursor), by: session.actor
            )
            entries.append(contentsOf: page.items)
            cursor = page.nextCursor
        } while cursor != nil
        return entries
    }
}
