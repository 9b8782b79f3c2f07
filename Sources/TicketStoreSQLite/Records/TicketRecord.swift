import Foundation
import GRDB
import TicketCore

/// A row of `tickets`: the one place that maps a ``Ticket`` to its columns. The select list,
/// the decoder and the values written all come from ``Columns``.
struct TicketRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "tickets"

    /// The columns of `tickets`, in the order they are selected.
    enum Columns: String, ColumnExpression, CaseIterable {
        case id, title, description, priority, status
        case createdByID = "created_by_id"
        case assignedToID = "assigned_to_id"
        case duplicateOfID = "duplicate_of_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case version
        case resolvedAt = "resolved_at"
        case closedAt = "closed_at"
        case category
    }

    /// `t.id, t.title, ...`: every column, for a query on `tickets t`.
    static let selection = Columns.allCases.map { "t.\($0.rawValue)" }.joined(separator: ", ")

    /// Columns an update leaves alone: the key, who reported it and when. (`version` is written
    /// as `version + 1` by ``SQLiteTicketStore/updateTicket(_:expectedVersion:events:)``.)
    static let unchangeable = Set([Columns.id, .createdByID, .createdAt, .version].map(\.rawValue))

    var ticket: Ticket

    init(_ ticket: Ticket) {
        self.ticket = ticket
    }

    /// A new ticket's row (its id is SQLite's: ``encode(to:)`` does not write it). Its
    /// `created_at` never goes back: a ticket made while the clock stepped backwards gets its
    /// predecessor's time, so ids and creation times rise together (searches in creation order
    /// rely on it). `latestCreatedAt` is the newest ticket's (``SQLiteTicketStore/latestCreatedAt(_:)``).
    init(new ticket: Ticket, latestCreatedAt: Date?) {
        self.ticket = ticket
        self.ticket.createdAt = max(ticket.createdAt, latestCreatedAt ?? ticket.createdAt)
    }

    init(row: Row) throws {
        let id = try row.value(Columns.id, as: Int64.self)
        guard let priority = TicketPriority(rank: try row.value(Columns.priority)),
            let status = TicketStatus(rawValue: try row.value(Columns.status))
        else { throw UnreadableRow(table: Self.databaseTableName, id: id) }
        self.ticket = Ticket(
            id: Ticket.ID(id),
            title: try row.value(Columns.title),
            description: try row.value(Columns.description),
            priority: priority,
            status: status,
            createdByID: User.ID(try row.value(Columns.createdByID, as: Int64.self)),
            assignedToID: try row.value(Columns.assignedToID, as: Int64?.self).map { User.ID($0) },
            duplicateOfID: try row.value(Columns.duplicateOfID, as: Int64?.self).map { Ticket.ID($0) },
            createdAt: try row.date(Columns.createdAt),
            updatedAt: try row.optionalDate(Columns.updatedAt),
            version: try row.value(Columns.version),
            resolvedAt: try row.optionalDate(Columns.resolvedAt),
            closedAt: try row.optionalDate(Columns.closedAt),
            category: try row.value(Columns.category)
        )
    }

    /// Every column but `id`, which SQLite assigns on insert and an update filters on.
    func encode(to container: inout PersistenceContainer) {
        container[Columns.title] = self.ticket.title
        container[Columns.description] = self.ticket.description
        container[Columns.priority] = self.ticket.priority.rank
        container[Columns.status] = self.ticket.status.rawValue
        container[Columns.createdByID] = self.ticket.createdByID.rawValue
        container[Columns.assignedToID] = self.ticket.assignedToID?.rawValue
        container[Columns.duplicateOfID] = self.ticket.duplicateOfID?.rawValue
        container[Columns.createdAt] = self.ticket.createdAt.millisecondsSince1970
        container[Columns.updatedAt] = self.ticket.updatedAt?.millisecondsSince1970
        container[Columns.version] = self.ticket.version
        container[Columns.resolvedAt] = self.ticket.resolvedAt?.millisecondsSince1970
        container[Columns.closedAt] = self.ticket.closedAt?.millisecondsSince1970
        container[Columns.category] = self.ticket.category
    }

    /// The `SET` list of an update: every column but ``unchangeable`` ones, and the version one up.
    func updateAssignments() throws -> [ColumnAssignment] {
        try self.assignments(excluding: Self.unchangeable) + [Columns.version.set(to: Columns.version + 1)]
    }
}
