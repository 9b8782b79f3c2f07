import Foundation
import GRDB
import TicketCore

/// Column lists and row decoding: the only place that knows how models map to columns. Rows
/// are read by position (a name lookup per column and row costs more than the rest of the
/// decoding), so each decoder follows its column list, defined next to it.
enum SQLiteRows {
    static let userColumns = """
        u.id, u.name, u.email, u.active, u.created_at, u.password_hash, \(roleColumns), u.session_generation
        """
    static let userJoin = "users u JOIN roles r ON r.id = u.role_id"

    static let roleColumns =
        "r.name, r.can_view_all, r.can_delete_all, r.can_edit_all, r.can_manage_users, r.can_manage_tickets, r.can_assign_tickets"

    static let ticketColumns = """
        t.id, t.title, t.description, t.priority, t.status, t.created_by_id, t.assigned_to_id, t.duplicate_of_id,
        t.created_at, t.updated_at, t.version, t.resolved_at, t.closed_at
        """

    static let commentColumns = "c.id, c.ticket_id, c.user_id, c.content, c.created_at, c.updated_at"

    static let eventColumns = "e.id, e.ticket_id, e.actor_id, e.at, e.event, e.from_value, e.to_value"

    /// A role from ``roleColumns``, starting at column `start`.
    static func role(_ row: Row, at start: Int = 0) -> Role {
        Role(
            name: row[start] as String,
            permissions: .init(
                canViewAll: row[start + 1],
                canDeleteAll: row[start + 2],
                canEditAll: row[start + 3],
                canManageUsers: row[start + 4],
                canManageTickets: row[start + 5],
                canAssignTickets: row[start + 6]
            )
        )
    }

    /// A user from ``userColumns``.
    static func user(_ row: Row) -> User {
        User(
            id: User.ID(row[0] as Int64),
            name: row[1] as String,
            email: row[2] as String,
            role: self.role(row, at: 6),
            isActive: row[3] as Bool,
            createdAt: Date(millisecondsSince1970: row[4] as Int64),
            sessionGeneration: row[13] as Int
        )
    }

    /// The password hash of a row of ``userColumns``.
    static func passwordHash(_ row: Row) -> String {
        row[5]
    }

    /// A ticket from ``ticketColumns``.
    static func ticket(_ row: Row) throws -> Ticket {
        guard let priority = TicketPriority(rank: row[3] as Int), let status = TicketStatus(rawValue: row[4] as String) else {
            throw UnreadableRow(table: "tickets", id: row[0])
        }
        return Ticket(
            id: Ticket.ID(row[0] as Int64),
            title: row[1] as String,
            description: row[2] as String,
            priority: priority,
            status: status,
            createdByID: User.ID(row[5] as Int64),
            assignedToID: (row[6] as Int64?).map { User.ID($0) },
            duplicateOfID: (row[7] as Int64?).map { Ticket.ID($0) },
            createdAt: Date(millisecondsSince1970: row[8] as Int64),
            updatedAt: (row[9] as Int64?).map { Date(millisecondsSince1970: $0) },
            version: row[10] as Int,
            resolvedAt: (row[11] as Int64?).map { Date(millisecondsSince1970: $0) },
            closedAt: (row[12] as Int64?).map { Date(millisecondsSince1970: $0) }
        )
    }

    /// A row of `similarTickets`' candidates: id, title, status, priority and created_at; its
    /// keyword hits are counted afterwards.
    static func similarCandidate(_ row: Row) throws -> SimilarCandidate {
        guard let status = TicketStatus(rawValue: row[2] as String), let priority = TicketPriority(rank: row[3] as Int) else {
            throw UnreadableRow(table: "tickets", id: row[0])
        }
        return SimilarCandidate(
            id: Ticket.ID(row[0] as Int64), title: row[1] as String, status: status, priority: priority,
            createdAt: Date(millisecondsSince1970: row[4] as Int64), createdByID: User.ID(row[5] as Int64),
            assignedToID: (row[6] as Int64?).map { User.ID($0) }, titleHits: 0, descriptionHits: 0
        )
    }

    /// A comment from ``commentColumns``.
    static func comment(_ row: Row) -> Comment {
        Comment(
            id: Comment.ID(row[0] as Int64),
            ticketID: Ticket.ID(row[1] as Int64),
            authorID: User.ID(row[2] as Int64),
            content: row[3] as String,
            createdAt: Date(millisecondsSince1970: row[4] as Int64),
            updatedAt: (row[5] as Int64?).map { Date(millisecondsSince1970: $0) }
        )
    }

    /// An event from ``eventColumns``.
    static func event(_ row: Row) throws -> TicketEvent {
        guard let kind = TicketEvent.Kind(rawValue: row[4] as String) else {
            throw UnreadableRow(table: "ticket_events", id: row[0])
        }
        return TicketEvent(
            id: TicketEvent.ID(row[0] as Int64),
            ticketID: Ticket.ID(row[1] as Int64),
            actorID: User.ID(row[2] as Int64),
            at: Date(millisecondsSince1970: row[3] as Int64),
            kind: kind,
            from: row[5] as String?,
            to: row[6] as String?
        )
    }

    /// Appends history rows for one ticket; runs inside the caller's transaction.
    static func insert(_ events: [TicketEventDraft], ticketID: Ticket.ID, _ db: Database) throws {
        for event in events {
            try db.cachedStatement(
                literal: """
                    INSERT INTO ticket_events (ticket_id, actor_id, at, event, from_value, to_value)
                    VALUES (\(ticketID.rawValue), \(event.actorID.rawValue), \(event.at.millisecondsSince1970),
                            \(event.kind.rawValue), \(event.from), \(event.to))
                    """
            ).execute()
        }
    }

    /// A list of ids bound as one JSON array (``idList(_:)``), as a table `wanted` to join on
    /// `wanted.value`: one statement text for any number of ids, so cached statements do not
    /// multiply with them. (A join rather than `IN (SELECT ...)`, for which SQLite builds a
    /// temporary index per statement, which cost more than the lookups.)
    static let idList = "json_each(?) AS wanted"

    /// Ids as the JSON array ``idList`` reads, each once (a join would repeat a repeated id).
    static func idList(_ ids: some Sequence<Int64>) -> String {
        var seen: Set<Int64> = []
        return "[" + ids.filter { seen.insert($0).inserted }.map(String.init).joined(separator: ",") + "]"
    }

    /// `?, ?, ?` for an `IN` list.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
