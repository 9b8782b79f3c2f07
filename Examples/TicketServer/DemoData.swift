import Logging
import TicketCore

/// The original API's demo data: an admin, a technician and three staff; six tickets; six comments.
/// Every demo account's password is ``password``.
enum DemoData {
    static let password = "demo-password"

    static func load<Store: TicketStore>(into service: TicketService<Store>, logger: Logger) async throws {
        guard try await service.store.credentials(email: "tech.zach@example.com") == nil else {
            logger.info("Demo data already loaded")
            return
        }
        let admin = try await service.ensureAdmin(name: "Admin ADMIN", email: "admin@example.com", password: Self.password)
        guard let admin else {
            logger.warning("admin@example.com exists already; demo data not loaded")
            return
        }
        let account = { (name: String, email: String, role: String) in
            try await service.register(RegistrationInput(name: name, email: email, password: Self.password, role: role), by: admin)
        }
        let tech = try await account("Tech Zach", "tech.zach@example.com", "tech")
        let john = try await account("New User JOHN", "john.doe@example.com", "user")
        let jane = try await account("Jane Smith", "jane.smith@example.com", "user")
        let bob = try await account("Bob Brown", "bob.brown@example.com", "user")

        let tickets: [(User, String, String, String)] = [
            (john, "Printer on floor 2 jams", "The HP printer next to the kitchen jams on every double-sided job.", "high"),
            (jane, "VPN drops every few minutes", "Working from home, the VPN disconnects about every ten minutes since Monday.", "high"),
            (bob, "Password reset for payroll system", "I am locked out of the payroll system after the password change.", "emergency"),
            (john, "Laptop battery drains fast", "My laptop lasts barely an hour on battery now.", "medium"),
            (jane, "Outlook does not sync calendar", "Meetings accepted on the phone do not show up in Outlook on the desktop.", "medium"),
            (bob, "Request a second monitor", "Could I get a second monitor for the reception desk?", "low"),
        ]
        var created: [Ticket] = []
        for (author, title, description, priority) in tickets {
            created.append(try await service.createTicket(TicketInput(title: title, description: description, priority: priority), by: author).ticket)
        }
        _ = try await service.updateTicket(
            created[0].id, with: TicketChangesInput(status: "in progress", assignedToID: .some(tech.id)), expectedVersion: nil, by: tech
        )
        _ = try await service.updateTicket(
            created[2].id, with: TicketChangesInput(status: "open", assignedToID: .some(tech.id)), expectedVersion: nil, by: admin
        )
        let comments: [(User, Int, String)] = [
            (tech, 0, "I replaced the pickup roller; please tell me if it jams again."),
            (john, 0, "It jammed once more this morning, on a single page."),
            (tech, 2, "Your account is unlocked; you will be asked to set a new password."),
            (jane, 1, "It also happens on the office Wi-Fi guest network."),
            (tech, 1, "Which VPN client version do you have? It is under Help > About."),
            (bob, 5, "A 24-inch one would be enough."),
        ]
        for (author, index, content) in comments {
            _ = try await service.addComment(to: created[index].id, content: content, by: author)
        }
        logger.info("Loaded demo data: 5 accounts, 6 tickets, 6 comments (password: \(Self.password))")
    }
}
