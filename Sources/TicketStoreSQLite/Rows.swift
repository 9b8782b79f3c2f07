import Foundation
import GRDB
import TicketCore

/// Column lists and row decoding: the only place that knows how models map to columns.
enum Rows {
    static let userColumns = """
        u.id, u.name, u.email, u.active, u.created_at, u.password_hash, r.name AS role_name,
        r.can_view_all, r.can_delete_all, r.can_edit_all, r.can_manage_users, r.can_manage_tickets, r.can_assign_tickets
        """
    static let userJoin = "users u JOIN roles r ON r.id = u.role_id"

    static let ticketColumns = """
        t.id, t.title, t.description, t.priority, t.status, t.created_by_id, t.assigned_to_id, t.duplicate_of_id,
        t.created_at, t.updated_at, t.version
        """

    static let commentColumns = "c.id, c.ticket_id, c.user_id, c.content, c.created_at, c.updated_at"

    static func role(_ row: Row) -> Role {
        Role(
            name: row["role_name"] as String,
            permissions: .init(
                canViewAll: row["can_view_all"],
                canDeleteAll: row["can_delete_all"],
                canEditAll: row["can_edit_all"],
                canManageUsers: row["can_manage_users"],
                canManageTickets: row["can_manage_tickets"],
                canAssignTickets: row["can_assign_tickets"]
            )
        )
    }

    static func user(_ row: Row) -> User {
        User(
            id: User.ID(row["id"] as Int64),
            name: row["name"] as String,
            email: row["email"] as String,
            role: self.role(row),
            isActive: row["active"] as Bool,
            createdAt: Date(millisecondsSince1970: row["created_at"] as Int64)
        )
    }

    static func ticket(_ row: Row) throws -> Ticket {
        let (priority, status) = try self.priorityAndStatus(row)
        return Ticket(
            id: Ticket.ID(row["id"] as Int64),
            title: row["title"] as String,
            description: row["description"] as String,
            priority: priority,
            status: status,
            createdByID: User.ID(row["created_by_id"] as Int64),
            assignedToID: (row["assigned_to_id"] as Int64?).map { User.ID($0) },
            duplicateOfID: (row["duplicate_of_id"] as Int64?).map { Ticket.ID($0) },
            createdAt: Date(millisecondsSince1970: row["created_at"] as Int64),
            updatedAt: (row["updated_at"] as Int64?).map { Date(millisecondsSince1970: $0) },
            version: row["version"] as Int
        )
    }

    /// A ranked row of `similarTickets`: ticket columns plus `score`.
    static func similar(_ row: Row) throws -> SimilarTicket {
        let (priority, status) = try self.priorityAndStatus(row)
        return SimilarTicket(
            id: Ticket.ID(row["id"] as Int64), title: row["title"] as String, status: status, priority: priority,
            createdAt: Date(millisecondsSince1970: row["created_at"] as Int64), score: row["score"] as Double
        )
    }

    private static func priorityAndStatus(_ row: Row) throws -> (TicketPriority, TicketStatus) {
        guard let priority = TicketPriority(rank: row["priority"] as Int), let status = TicketStatus(rawValue: row["status"] as String) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown ticket priority or status")
        }
        return (priority, status)
    }

    static func comment(_ row: Row) -> Comment {
        Comment(
            id: Comment.ID(row["id"] as Int64),
            ticketID: Ticket.ID(row["ticket_id"] as Int64),
            authorID: User.ID(row["user_id"] as Int64),
            content: row["content"] as String,
            createdAt: Date(millisecondsSince1970: row["created_at"] as Int64),
            updatedAt: (row["updated_at"] as Int64?).map { Date(millisecondsSince1970: $0) }
        )
    }

    static func event(_ row: Row) throws -> TicketEvent {
        guard let kind = TicketEvent.Kind(rawValue: row["event"] as String) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown ticket event")
        }
        return TicketEvent(
            id: TicketEvent.ID(row["id"] as Int64),
            ticketID: Ticket.ID(row["ticket_id"] as Int64),
            actorID: User.ID(row["actor_id"] as Int64),
            at: Date(millisecondsSince1970: row["at"] as Int64),
            kind: kind,
            from: row["from_value"] as String?,
            to: row["to_value"] as String?
        )
    }

    /// Appends history rows for one ticket; runs inside the caller's transaction.
    static func insert(_ events: [TicketEventDraft], ticketID: Ticket.ID, _ db: Database) throws {
        for event in events {
            try db.execute(
                literal: """
                    INSERT INTO ticket_events (ticket_id, actor_id, at, event, from_value, to_value)
                    VALUES (\(ticketID.rawValue), \(event.actorID.rawValue), \(event.at.millisecondsSince1970),
                            \(event.kind.rawValue), \(event.from), \(event.to))
                    """
            )
        }
    }

    /// `?, ?, ?` for an `IN` list.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
