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
            var tally: [TicketTally] = []
            let tallyRows = try await connection.query(
                "SELECT assigned_to_id, status, priority, sum(n)::int8 FROM ticket_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0",
                logger: self.logger
            )
            for try await (assignee, rawStatus, rank, count) in tallyRows.decode((Int64, String, Int16, Int64).self) {
                guard let status = TicketStatus(rawValue: rawStatus), let priority = TicketPriority(rank: Int(rank)) else {
                    throw UnreadableRow(table: "ticket_counts", id: assignee)
                }
                tally.append(TicketTally(assignee: assignee == 0 ? nil : User.ID(assignee), status: status, priority: priority, count: Int(count)))
            }
            var managers: [User] = []
            let managerRows = try await connection.query(
                """
                SELECT \(unescaped: PostgresRows.userColumns) FROM \(unescaped: PostgresRows.userJoin)
                WHERE u.active AND r.can_manage_tickets ORDER BY u.id
                """,
                logger: self.logger
            )
            for try await row in managerRows.decode(PostgresRows.UserRow.self) { managers.append(PostgresRows.credentials(row).user) }
            var times: [TimeInterval] = []
            let timeRows = try await connection.query(
                """
                SELECT coalesce(array_agg((extract(epoch FROM resolved_at - created_at) * 1000)::int8), '{}')
                FROM tickets WHERE resolved_at >= \(request.resolvedSince)
                """,
                logger: self.logger
            )
            for try await milliseconds in timeRows.decode([Int64].self) { times = milliseconds.map { Double($0) / 1000 } }
            var days: [TrendDay] = []
            let dayRows = try await connection.query(
                """
                SELECT day, created, resolved FROM ticket_days
                WHERE day BETWEEN \(Int32(clamping: request.days.lowerBound.number)) AND \(Int32(clamping: request.days.upperBound.number))
                ORDER BY day
                """,
                logger: self.logger
            )
            for try await (day, created, resolved) in dayRows.decode((Int32, Int64, Int64).self) {
                days.append(TrendDay(day: UTCDay(number: Int(day)), created: Int(created), resolved: Int(resolved)))
            }
            return OfficeFigures(tally: tally, ticketManagers: managers, resolutionTimes: times, days: days)
        }
    }

    public func ownQueue(of viewer: User.ID, limit: Int) async throws -> OwnQueue {
        try await self.run {
            try await self.client.withConnection { connection in
                var own: [Ticket] = []
                for row in try await Self.execute(
                    OwnActiveTickets(creator: viewer.rawValue, limit: Int64(limit)), on: connection, logger: self.logger)
                {
                    own.append(try PostgresRows.ticket(row))
                }
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
