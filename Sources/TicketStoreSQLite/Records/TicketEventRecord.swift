import Foundation
import GRDB
import TicketCore

/// A row of `ticket_events`, the history: the one place that maps a ``TicketEvent`` to its
/// columns.
struct TicketEventRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "ticket_events"

    /// The columns of `ticket_events`, in the order they are selected.
    enum Columns: String, ColumnExpression, CaseIterable {
        case id
        case ticketID = "ticket_id"
        case actorID = "actor_id"
        case at
        case kind = "event"
        case from = "from_value"
        case to = "to_value"
    }

    /// `e.id, e.ticket_id, ...`: every column, for a query on `ticket_events e`.
    static let selection = Columns.allCases.map { "e.\($0.rawValue)" }.joined(separator: ", ")

    var event: TicketEvent

    /// A new history row (its id is SQLite's: ``encode(to:)`` does not write it).
    init(_ draft: TicketEventDraft, ticketID: Ticket.ID) {
        self.event = TicketEvent(
            id: TicketEvent.ID(0), ticketID: ticketID, actorID: draft.actorID, at: draft.at, kind: draft.kind, from: draft.from, to: draft.to
        )
    }

    init(row: Row) throws {
        let id = try row.value(Columns.id, as: Int64.self)
        guard let kind = TicketEvent.Kind(rawValue: try row.value(Columns.kind)) else {
            throw UnreadableRow(table: Self.databaseTableName, id: id)
        }
        self.event = TicketEvent(
            id: TicketEvent.ID(id),
            ticketID: Ticket.ID(try row.value(Columns.ticketID, as: Int64.self)),
            actorID: User.ID(try row.value(Columns.actorID, as: Int64.self)),
            at: try row.date(Columns.at),
            kind: kind,
            from: try row.value(Columns.from),
            to: try row.value(Columns.to)
        )
    }

    /// Every column but `id`.
    func encode(to container: inout PersistenceContainer) {
        container[Columns.ticketID] = self.event.ticketID.rawValue
        container[Columns.actorID] = self.event.actorID.rawValue
        container[Columns.at] = self.event.at.millisecondsSince1970
        container[Columns.kind] = self.event.kind.rawValue
        container[Columns.from] = self.event.from
        container[Columns.to] = self.event.to
    }

    /// Appends history rows for one ticket; runs inside the caller's transaction.
    static func insert(_ drafts: [TicketEventDraft], ticketID: Ticket.ID, _ db: Database) throws {
        for draft in drafts {
            try TicketEventRecord(draft, ticketID: ticketID).insert(db)
        }
    }
}
