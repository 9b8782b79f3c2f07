import Foundation
import PostgresNIO
import TicketCore

/// The columns of `ticket_events`, the history, and the one place that maps them to a
/// ``TicketEvent`` and back.
enum TicketEventColumns: String, PostgresColumn {
    case id
    case ticketID = "ticket_id"
    case actorID = "actor_id"
    case at
    case kind = "event"
    case from = "from_value"
    case to = "to_value"

    var isTime: Bool { self == .at }

    /// The event in a row that has these columns.
    static func event(_ row: some PostgresColumnReader) throws -> TicketEvent {
        let id = try row.value(Self.id, as: Int64.self)
        guard let kind = TicketEvent.Kind(rawValue: try row.value(Self.kind)) else { throw UnreadableRow(table: "ticket_events", id: id) }
        return TicketEvent(
            id: TicketEvent.ID(id),
            ticketID: Ticket.ID(try row.value(Self.ticketID, as: Int64.self)),
            actorID: User.ID(try row.value(Self.actorID, as: Int64.self)),
            at: try row.time(Self.at),
            kind: kind,
            from: try row.value(Self.from),
            to: try row.value(Self.to)
        )
    }

    /// Sets every column but `id` (the database's) to a new event's value.
    static func write(_ draft: TicketEventDraft, ticketID: Ticket.ID, to values: inout PostgresColumnValues<Self>) {
        values.set(.ticketID, ticketID.rawValue)
        values.set(.actorID, draft.actorID.rawValue)
        values.set(.at, draft.at.atMilliseconds)
        values.set(.kind, draft.kind.rawValue)
        values.set(.from, draft.from)
        values.set(.to, draft.to)
    }
}
