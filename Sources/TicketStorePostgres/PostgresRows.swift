import Foundation
import PostgresNIO
import TicketCore

/// Column lists and row decoding: the only place that knows how models map to columns.
enum PostgresRows {
    static let userColumns = """
        u.id, u.name, u.email, u.active, u.created_at, u.password_hash, r.name, r.can_view_all, r.can_delete_all,
        r.can_edit_all, r.can_manage_users, r.can_manage_tickets, r.can_assign_tickets, u.session_generation
        """
    static let userJoin = "users u JOIN roles r ON r.id = u.role_id"
    typealias UserRow = (Int64, String, String, Bool, Date, String, String, Bool, Bool, Bool, Bool, Bool, Bool, Int32)

    static let roleColumns =
        "r.name, r.can_view_all, r.can_delete_all, r.can_edit_all, r.can_manage_users, r.can_manage_tickets, r.can_assign_tickets"
    typealias RoleRow = (String, Bool, Bool, Bool, Bool, Bool, Bool)

    static let ticketColumns = """
        t.id, t.title, t.description, t.priority, t.status, t.created_by_id, t.assigned_to_id, t.duplicate_of_id,
        t.created_at, t.updated_at, t.version, t.resolved_at, t.closed_at
        """
    /// The same columns for `RETURNING` (no table alias).
    static let ticketReturning = """
        id, title, description, priority, status, created_by_id, assigned_to_id, duplicate_of_id, created_at, updated_at, version,
        resolved_at, closed_at
        """
    typealias TicketRow = (Int64, String, String, Int16, String, Int64, Int64?, Int64?, Date, Date?, Int32, Date?, Date?)

    static let commentColumns = "c.id, c.ticket_id, c.user_id, c.content, c.created_at, c.updated_at"
    static let commentReturning = "id, ticket_id, user_id, content, created_at, updated_at"
    typealias CommentRow = (Int64, Int64, Int64, String, Date, Date?)

    static let eventColumns = "e.id, e.ticket_id, e.actor_id, e.at, e.event, e.from_value, e.to_value"
    typealias EventRow = (Int64, Int64, Int64, Date, String, String?, String?)

    static func role(_ row: RoleRow) -> Role {
        Role(
            name: row.0,
            permissions: .init(
                canViewAll: row.1, canDeleteAll: row.2, canEditAll: row.3, canManageUsers: row.4, canManageTickets: row.5,
                canAssignTickets: row.6
            )
        )
    }

    static func credentials(_ row: UserRow) -> UserCredentials {
        let role = self.role((row.6, row.7, row.8, row.9, row.10, row.11, row.12))
        let user = User(
            id: User.ID(row.0), name: row.1, email: row.2, role: role, isActive: row.3, createdAt: row.4.atMilliseconds,
            sessionGeneration: Int(row.13)
        )
        return UserCredentials(user: user, passwordHash: row.5)
    }

    /// The users of `rows`, by id.
    static func usersByID(_ rows: [UserRow]) -> [User.ID: User] {
        Dictionary(
            uniqueKeysWithValues: rows.map { row in
                let user = Self.credentials(row).user
                return (user.id, user)
            })
    }

    static func ticket(_ row: TicketRow) throws -> Ticket {
        guard let priority = TicketPriority(rank: Int(row.3)), let status = TicketStatus(rawValue: row.4) else {
            throw UnreadableRow(table: "tickets", id: row.0)
        }
        return Ticket(
            id: Ticket.ID(row.0), title: row.1, description: row.2, priority: priority, status: status,
            createdByID: User.ID(row.5), assignedToID: row.6.map { User.ID($0) }, duplicateOfID: row.7.map { Ticket.ID($0) },
            createdAt: row.8.atMilliseconds, updatedAt: row.9?.atMilliseconds, version: Int(row.10),
            resolvedAt: row.11?.atMilliseconds, closedAt: row.12?.atMilliseconds
        )
    }

    static let similarCandidateColumns = "t.id, t.title, t.status, t.priority, t.created_at, t.created_by_id, t.assigned_to_id"
    typealias SimilarCandidateRow = (Int64, String, String, Int16, Date, Int64, Int64?, Int64, Int64)

    /// A row of ``similarCandidateColumns`` with its title and description keyword hits.
    static func similarCandidate(_ row: SimilarCandidateRow) throws -> SimilarCandidate {
        guard let status = TicketStatus(rawValue: row.2), let priority = TicketPriority(rank: Int(row.3)) else {
            throw UnreadableRow(table: "tickets", id: row.0)
        }
        return SimilarCandidate(
            id: Ticket.ID(row.0), title: row.1, status: status, priority: priority, createdAt: row.4.atMilliseconds,
            createdByID: User.ID(row.5), assignedToID: row.6.map { User.ID($0) }, titleHits: Int(row.7), descriptionHits: Int(row.8)
        )
    }

    static func comment(_ row: CommentRow) -> Comment {
        Comment(
            id: Comment.ID(row.0), ticketID: Ticket.ID(row.1), authorID: User.ID(row.2), content: row.3, createdAt: row.4.atMilliseconds,
            updatedAt: row.5?.atMilliseconds
        )
    }

    static func event(_ row: EventRow) throws -> TicketEvent {
        guard let kind = TicketEvent.Kind(rawValue: row.4) else { throw UnreadableRow(table: "ticket_events", id: row.0) }
        return TicketEvent(
            id: TicketEvent.ID(row.0), ticketID: Ticket.ID(row.1), actorID: User.ID(row.2), at: row.3.atMilliseconds, kind: kind, from: row.5,
            to: row.6
        )
    }
}

/// Builds SQL with numbered placeholders: values only ever travel as binds.
///
/// A class, so that `sql.query("... \(sql.bind(value))")` sees the binds its own text adds.
final class PostgresSQL {
    private(set) var binds = PostgresBindings()

    /// Binds `value` and returns its placeholder (`$3`).
    func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        self.binds.append(value)
        return "$\(self.binds.count)"
    }

    /// The query for `sql`, which must use only placeholders from this builder.
    func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: self.binds)
    }
}
