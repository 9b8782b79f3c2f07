import Foundation
import Testing
import TicketCore

/// Every role x action x ownership case of docs/api.md, as a table. The expected decisions are
/// written out by hand from the contract, not computed from the policy.
@Suite("TicketPolicy")
struct TicketPolicyTests {
    /// How the acting user relates to the ticket (and comment) in a row.
    enum Ownership: String, CaseIterable, Sendable {
        /// The actor created the ticket (and wrote the comment).
        case creator
        /// The actor is the ticket's assignee; someone else created it and wrote the comment.
        case assignee
        /// Neither: someone else's ticket, not assigned to the actor.
        case stranger
    }

    typealias D = TicketPolicy.Decision

    /// One row: an action on a ticket in a given status, and the decision for admin, tech and user.
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var ownership: Ownership
        var status: TicketStatus = .open
        var action: @Sendable (Ticket, TicketCore.Comment) -> TicketPolicy.Action
        var admin: D
        var tech: D
        var user: D

        var testDescription: String { "\(self.name) as \(self.ownership.rawValue) on \(self.status.rawValue)" }
    }

    static let rows: [Row] = {
        var rows: [Row] = []
        func add(
            _ name: String, _ status: TicketStatus, _ action: @escaping @Sendable (Ticket, TicketCore.Comment) -> TicketPolicy.Action,
            creator: (D, D, D), assignee: (D, D, D), stranger: (D, D, D)
        ) {
            for (ownership, expected) in [(Ownership.creator, creator), (.assignee, assignee), (.stranger, stranger)] {
                rows.append(
                    Row(
                        name: name, ownership: ownership, status: status, action: action,
                        admin: expected.0, tech: expected.1, user: expected.2)
                )
            }
        }
        // (admin, tech, user) for each ownership.
        add(
            "view ticket", .open, { t, _ in .viewTicket(t) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .allowed, .allowed), stranger: (.allowed, .allowed, .hidden))
        add(
            "add comment", .open, { t, _ in .addComment(on: t) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .allowed, .allowed), stranger: (.allowed, .allowed, .hidden))
        add(
            "view comment", .open, { t, c in .viewComment(c, on: t) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .allowed, .allowed), stranger: (.allowed, .allowed, .hidden))
        add(
            "edit title/description/priority", .open, { t, _ in .editTicketContent(t) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "move open -> in progress", .open, { t, _ in .changeStatus(t, to: .inProgress) },
            creator: (.allowed, .allowed, .forbidden), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "move open -> resolved", .open, { t, _ in .changeStatus(t, to: .resolved) },
            creator: (.allowed, .allowed, .forbidden), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        for from in [TicketStatus.incoming, .open, .inProgress, .onHold] {
            add(
                "withdraw \(from.rawValue) -> closed", from, { t, _ in .changeStatus(t, to: .closed) },
                creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        }
        add(
            "reopen resolved -> open", .resolved, { t, _ in .changeStatus(t, to: .open) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "move resolved -> closed", .resolved, { t, _ in .changeStatus(t, to: .closed) },
            creator: (.allowed, .allowed, .forbidden), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "move closed -> open", .closed, { t, _ in .changeStatus(t, to: .open) },
            creator: (.allowed, .allowed, .forbidden), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "move incoming -> open", .incoming, { t, _ in .changeStatus(t, to: .open) },
            creator: (.allowed, .allowed, .forbidden), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "assign", .open, { t, _ in .assignTicket(t) },
            creator: (.allowed, .allowed, .forbidden), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "mark duplicate", .open, { t, _ in .markDuplicate(t) },
            creator: (.allowed, .allowed, .forbidden), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "delete incoming ticket", .incoming, { t, _ in .deleteTicket(t) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .forbidden, .forbidden), stranger: (.allowed, .forbidden, .hidden))
        add(
            "delete open ticket", .open, { t, _ in .deleteTicket(t) },
            creator: (.allowed, .forbidden, .forbidden), assignee: (.allowed, .forbidden, .forbidden), stranger: (.allowed, .forbidden, .hidden))
        // For a creator the comment is their own; otherwise someone else's.
        add(
            "edit comment", .open, { t, c in .editComment(c, on: t) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .allowed, .forbidden), stranger: (.allowed, .allowed, .hidden))
        add(
            "delete comment", .open, { t, c in .deleteComment(c, on: t) },
            creator: (.allowed, .allowed, .allowed), assignee: (.allowed, .forbidden, .forbidden), stranger: (.allowed, .forbidden, .hidden))
        return rows
    }()

    static func user(_ id: Int64, _ role: Role) -> User {
        User(id: User.ID(id), name: "User \(id)", email: "u\(id)@example.com", role: role, isActive: true, createdAt: Date())
    }

    /// The one definition of who sees a ticket: creator, assignee, or a role with can_view_all.
    @Test func visibility() {
        let staff = Self.user(1, .user)
        #expect(TicketVisibility(of: Self.user(1, .admin)) == .everything)
        #expect(TicketVisibility(of: Self.user(1, .tech)) == .everything)
        #expect(TicketVisibility(of: staff) == .involving(staff.id))
        let mine = TicketVisibility(of: staff)
        #expect(mine.includes(createdBy: staff.id, assignedTo: nil))
        #expect(mine.includes(createdBy: User.ID(2), assignedTo: staff.id))
        #expect(!mine.includes(createdBy: User.ID(2), assignedTo: User.ID(3)))
        #expect(!mine.includes(createdBy: User.ID(2), assignedTo: nil))
        #expect(TicketVisibility.everything.includes(createdBy: User.ID(2), assignedTo: nil))
        #expect(mine.viewer == staff.id && TicketVisibility.everything.viewer == nil)
        #expect(TicketVisibility(restrictedTo: staff.id) == mine && TicketVisibility(restrictedTo: nil) == .everything)
    }

    @Test(arguments: rows)
    func ticketActions(_ row: Row) {
        for (role, expected) in [(Role.admin, row.admin), (.tech, row.tech), (.user, row.user)] {
            let actor = Self.user(1, role)
            let other = User.ID(2)
            let ticket = Ticket(
                id: Ticket.ID(10), title: "t", description: "d", priority: .medium, status: row.status,
                createdByID: row.ownership == .creator ? actor.id : other,
                assignedToID: row.ownership == .assignee ? actor.id : nil,
                duplicateOfID: nil, createdAt: Date(), updatedAt: nil, version: 1
            )
            let comment = TicketCore.Comment(
                id: Comment.ID(20), ticketID: ticket.id, authorID: row.ownership == .creator ? actor.id : other,
                content: "c", createdAt: Date(), updatedAt: nil
            )
            #expect(TicketPolicy.decide(row.action(ticket, comment), by: actor) == expected, "\(role.name): \(row.testDescription)")
        }
    }

    /// Users: (self, other) x (admin, tech, user).
    @Test(arguments: [
        ("list users", false, D.allowed, D.allowed, D.allowed),
        ("view user", false, .allowed, .allowed, .allowed),
        ("view user", true, .allowed, .allowed, .allowed),
        ("edit profile", true, .allowed, .allowed, .allowed),
        ("edit profile", false, .allowed, .forbidden, .forbidden),
        ("change role", true, .forbidden, .forbidden, .forbidden),
        ("change role", false, .allowed, .forbidden, .forbidden),
        ("(de)activate", true, .forbidden, .forbidden, .forbidden),
        ("(de)activate", false, .allowed, .forbidden, .forbidden),
        ("register with role", false, .allowed, .forbidden, .forbidden),
    ])
    func userActions(_ name: String, _ onSelf: Bool, _ admin: D, _ tech: D, _ user: D) {
        for (role, expected) in [(Role.admin, admin), (.tech, tech), (.user, user)] {
            let actor = Self.user(1, role)
            let target = onSelf ? actor : Self.user(2, .user)
            let action: TicketPolicy.Action =
                switch name {
                case "list users": .listUsers
                case "view user": .viewUser(target)
                case "edit profile": .editProfile(of: target)
                case "change role": .changeRole(of: target)
                case "(de)activate": .changeActive(of: target)
                default: .registerWithRole
                }
            #expect(TicketPolicy.decide(action, by: actor) == expected, "\(role.name): \(name) on \(onSelf ? "self" : "other")")
        }
    }

    @Test func onlyActiveTicketManagersCanBeAssigned() {
        #expect(TicketPolicy.canBeAssigned(Self.user(1, .tech)))
        #expect(TicketPolicy.canBeAssigned(Self.user(1, .admin)))
        #expect(!TicketPolicy.canBeAssigned(Self.user(1, .user)))
        var inactive = Self.user(1, .tech)
        inactive.isActive = false
        #expect(!TicketPolicy.canBeAssigned(inactive))
    }

    @Test func authorizeMapsHiddenToNotFoundAndDeniedToForbidden() {
        let user = Self.user(1, .user)
        let foreign = Ticket(
            id: Ticket.ID(10), title: "t", description: "d", priority: .low, status: .open, createdByID: User.ID(2),
            assignedToID: nil, duplicateOfID: nil, createdAt: Date(), updatedAt: nil, version: 1
        )
        #expect(throws: TicketError.notFound("Ticket")) { try TicketPolicy.authorize(.viewTicket(foreign), by: user) }
        var own = foreign
        own.createdByID = user.id
        #expect { try TicketPolicy.authorize(.assignTicket(own), by: user) } throws: { ($0 as? TicketError)?.kind == .forbidden }
    }
}
