import Foundation
import Logging
import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    /// The condition of `tickets_queue` and `tickets_queue_by_creator`, written as in their
    /// definitions so the planner can use those partial indexes (``TicketStatus/isActive`` in SQL).
    static let isActive = "status NOT IN ('resolved', 'closed')"

    public func queuePositions(of ids: [Ticket.ID]) async throws -> [Ticket.ID: Int] {
        guard !ids.isEmpty else { return [:] }
        return try await self.run {
            try await self.client.withConnection { connection in try await self.queuePositions(of: ids, on: connection) }
        }
    }

    /// Each position is one plus the active tickets handled before it (see ``QueuePositions``).
    func queuePositions(of ids: [Ticket.ID], on connection: PostgresConnection) async throws -> [Ticket.ID: Int] {
        guard !ids.isEmpty else { return [:] }
        var positions: [Ticket.ID: Int] = [:]
        for (id, position) in try await Self.execute(QueuePositions(ids: ids.map(\.rawValue)), on: connection, logger: self.logger) {
            positions[Ticket.ID(id)] = Int(position)
        }
        return positions
    }

    /// Every figure in one read-only repeatable-read transaction: one snapshot of the database.
    public func officeFigures(_ request: OfficeFiguresRequest) async throws -> OfficeFigures {
        try await self.transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: self.logger)
            let tally = try await connection.query(
                "SELECT assigned_to_id, status, priority, sum(n)::int8 AS n FROM ticket_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0",
                logger: self.logger
            ).collect { row in
                let assignee = try row.value(named: "assigned_to_id", as: Int64.self)
                guard let status = TicketStatus(rawValue: try row.value(named: "status")),
                    let priority = TicketPriority(rank: Int(try row.value(named: "priority", as: Int16.self)))
                else { throw UnreadableRow(table: "ticket_counts", id: assignee) }
                return TicketTally(
                    assignee: assignee == 0 ? nil : User.ID(assignee), status: status, priority: priority,
                    count: Int(try row.value(named: "n", as: Int64.self)))
            }
            let managers = try await connection.query(
                """
                SELECT \(unescaped: UserColumns.selection) FROM \(unescaped: UserColumns.join)
                WHERE u.active AND r.can_manage_tickets ORDER BY u.id
                """,
                logger: self.logger
            ).collect { try UserColumns.user($0) }
            var times: [TimeInterval] = []
            let timeRows = try await connection.query(
                """
                SELECT coalesce(array_agg((extract(epoch FROM resolved_at - created_at) * 1000)::int8), '{}')
                FROM tickets WHERE resolved_at >= \(request.resolvedSince)
                """,
                logger: self.logger
            )
            for try await milliseconds in timeRows.decode([Int64].self) { times = milliseconds.map { Double($0) / 1000 } }
            let days = try await connection.query(
                """
                SELECT day, created, resolved FROM ticket_days
                WHERE day BETWEEN \(Int32(clamping: request.days.lowerBound.number)) AND \(Int32(clamping: request.days.upperBound.number))
                ORDER BY day
                """,
                logger: self.logger
            ).collect { row in
                TrendDay(
                    day: UTCDay(number: Int(try row.value(named: "day", as: Int32.self))),
                    created: Int(try row.value(named: "created", as: Int64.self)),
                    resolved: Int(try row.value(named: "resolved", as: Int64.self)))
            }
            return OfficeFigures(tally: tally, ticketManagers: managers, resolutionTimes: times, days: days)
        }
    }

    public func ownQueue(of viewer: User.ID, limit: Int) async throws -> OwnQueue {
        try await self.run {
            try await self.client.withConnection { connection in
                let own = try await Self.execute(
                    OwnActiveTickets(creator: viewer.rawValue, limit: Int64(limit)), on: connection, logger: self.logger)
                let positions = try await self.queuePositions(of: own.map(\.id), on: connection)
                var total = 0
                for count in try await Self.execute(OwnActiveTotal(creator: viewer.rawValue), on: connection, logger: self.logger) {
                    total = Int(count)
                }
                return OwnQueue(
                    tickets: own.compactMap { ticket in positions[ticket.id].map { QueuedTicket(ticket: ticket, queuePosition: $0) } },
                    total: total
                )
            }
        }
    }
}
