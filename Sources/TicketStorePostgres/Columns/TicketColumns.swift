import Foundation
import PostgresNIO
import TicketCore

/// The columns of `tickets`, and the one place that maps them to a ``Ticket`` and back.
enum TicketColumns: String, PostgresColumn {
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

    var isTime: Bool { [.createdAt, .updatedAt, .resolvedAt, .closedAt].contains(self) }

    /// Columns an update leaves alone: the key, who reported it and when, and `version`
    /// (written as `version + 1`).
    static let unchangeable: Set<Self> = [.id, .createdByID, .createdAt, .version]

    /// The ticket in a row that has these columns.
    static func ticket(_ row: some PostgresColumnReader) throws -> Ticket {
        let (id, priority, status) = try Self.key(row)
        return Ticket(
            id: Ticket.ID(id),
            title: try row.value(Self.title),
            description: try row.value(Self.description),
            priority: priority,
            status: status,
            createdByID: User.ID(try row.value(Self.createdByID, as: Int64.self)),
            assignedToID: try row.value(Self.assignedToID, as: Int64?.self).map { User.ID($0) },
            duplicateOfID: try row.value(Self.duplicateOfID, as: Int64?.self).map { Ticket.ID($0) },
            createdAt: try row.time(Self.createdAt),
            updatedAt: try row.optionalTime(Self.updatedAt),
            version: Int(try row.value(Self.version, as: Int32.self)),
            resolvedAt: try row.optionalTime(Self.resolvedAt),
            closedAt: try row.optionalTime(Self.closedAt),
            category: try row.value(Self.category)
        )
    }

    /// What a similar ticket shows (``similarCandidate(_:titleHits:descriptionHits:)``), for a
    /// query on `tickets t`: no text but the title, so candidates do not carry their descriptions.
    static let similarCandidateSelection = Self.selection(
        of: "t", only: [.id, .title, .status, .priority, .createdAt, .createdByID, .assignedToID])

    /// The candidate in a row of ``similarCandidateSelection``.
    static func similarCandidate(_ row: some PostgresColumnReader, titleHits: Int, descriptionHits: Int) throws -> SimilarCandidate {
        let (id, priority, status) = try Self.key(row)
        return SimilarCandidate(
            id: Ticket.ID(id), title: try row.value(Self.title), status: status, priority: priority, createdAt: try row.time(Self.createdAt),
            createdByID: User.ID(try row.value(Self.createdByID, as: Int64.self)),
            assignedToID: try row.value(Self.assignedToID, as: Int64?.self).map { User.ID($0) },
            titleHits: titleHits, descriptionHits: descriptionHits
        )
    }

    /// The id, priority and status of a row; a priority or status outside the schema's checks is
    /// an unreadable row.
    private static func key(_ row: some PostgresColumnReader) throws -> (Int64, TicketPriority, TicketStatus) {
        let id = try row.value(Self.id, as: Int64.self)
        guard let priority = TicketPriority(rank: Int(try row.value(Self.priority, as: Int16.self))),
            let status = TicketStatus(rawValue: try row.value(Self.status))
        else { throw UnreadableRow(table: "tickets", id: id) }
        return (id, priority, status)
    }

    /// Sets every column but `id` (the database's) to the ticket's value.
    static func write(_ ticket: Ticket, to values: inout PostgresColumnValues<Self>) {
        values.set(.title, ticket.title)
        values.set(.description, ticket.description)
        values.set(.priority, Int16(ticket.priority.rank))
        values.set(.status, ticket.status.rawValue)
        values.set(.createdByID, ticket.createdByID.rawValue)
        values.set(.assignedToID, ticket.assignedToID?.rawValue)
        values.set(.duplicateOfID, ticket.duplicateOfID?.rawValue)
        values.set(.createdAt, ticket.createdAt.atMilliseconds)
        values.set(.updatedAt, ticket.updatedAt?.atMilliseconds)
        values.set(.version, Int32(ticket.version))
        values.set(.resolvedAt, ticket.resolvedAt?.atMilliseconds)
        values.set(.closedAt, ticket.closedAt?.atMilliseconds)
        values.set(.category, ticket.category)
    }
}
