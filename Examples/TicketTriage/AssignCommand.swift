import ArgumentParser
import Foundation
import TicketCore

/// `ticket-triage assign ID --to EMAIL`: gives a ticket to a technician (or takes it back).
struct AssignCommand: TriageCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign a ticket to an account that may work tickets."
    )

    @OptionGroup var global: TriageOptions

    @OptionGroup var ticket: TicketArgument

    @Option(
        name: .customLong("to"),
        help: ArgumentHelp("The assignee's email; me for yourself, none to unassign.", valueName: "email"))
    var assignee: String

    func perform(in session: TriageSession, output: TriageOutput) async throws {
        let assigneeID = try await self.assigneeID(in: session)
        let details = try await session.service.updateTicket(
            self.ticket.id, with: TicketChangesInput(assignedToID: .some(assigneeID)), expectedVersion: nil, by: session.actor
        )
        output.line("Ticket \(details.ticket.id) is assigned to \(details.assignedTo.map(TicketText.person) ?? "nobody").")
    }

    /// The account `--to` names, found by email through ``TicketService/listUsers(by:page:)``;
    /// `nil` for `none`.
    private func assigneeID(in session: TriageSession) async throws -> User.ID? {
        let given = self.assignee.trimmingCharacters(in: .whitespaces).lowercased()
        switch given {
        case "me": return session.actor.id
        case "none": return nil
        default: break
        }
        guard let email = EmailAddress.normalize(given) else {
            throw Self.invalidAssignee("must be an email address, me or none")
        }
        var cursor: String?
        repeat {
            let page = try await session.service.listUsers(
                by: session.actor, page: PageInput(limit: String(PageRequest.maximumLimit), cursor: cursor)
            )
            if let user = page.items.first(where: { $0.email == email }) {
                return user.id
            }
            cursor = page.nextCursor
        } while cursor != nil
        throw Self.invalidAssignee("must be the email of an existing account")
    }

    private static func invalidAssignee(_ message: String) -> TicketError {
        var errors = FieldErrors()
        errors.add("--to", message)
        return .validation(errors)
    }
}
