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

    /// Runs a statement prepared once per connection. PostgresNIO remembers a failed prepare for
    /// the connection's lifetime, so a failure closes the connection (the pool opens a new one)
    /// instead of failing every later use of the statement on it.
    static func execute<Statement: PostgresPreparedStatement>(
        _ statement: Statement, on connection: PostgresConnection, logger: Logger
    ) async throws -> [Statement.Row] {
        do {
            var rows: [Statement.Row] = []
            for try await row in try await connection.execute(statement, logger: logger) { rows.append(row) }
            return rows
        } catch {
            try? await connection.close()
            throw error
        }
    }

    public func duplicates(of id: Ticket.ID) async throws -> [Ticket] {
        try await self.run {
            let rows = try await self.client.query(
                "SELECT \(unescaped: PostgresRows.ticketColumns) FROM tickets t WHERE t.duplicate_of_id = \(id.rawValue) ORDER BY t.id",
                logger: self.logger
            )
            var tickets: [Ticket] = []
            for try await row in rows.decode(PostgresRows.TicketRow.self) { tickets.append(try PostgresRows.ticket(row)) }
            return tickets
        }
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
                    throw PostgresStoreError.corruptRow("ticket_counts", assignee)
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
                for row in try await Self.execute(OwnActiveTickets(creator: viewer.rawValue, limit: Int64(limit)), on: connection, logger: self.logger) {
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

/// The queue positions of active tickets, prepared once per connection (planning this
/// statement costs more than running it): one plus the active tickets of higher priority and of
/// the same priority in earlier blocks of 32 days (`queue_blocks`), on earlier days of its own
/// block (`queue_days`), and of its day before it (counted on `tickets_queue`).
struct QueuePositions: PostgresPreparedStatement {
    static let sql = """
        WITH target AS (
            SELECT id, priority, created_at, utc_day(created_at) AS day FROM tickets
            WHERE id = ANY($1) AND \(PostgresTicketStore.isActive)
        )
        SELECT id, (1 + sum(n))::int8 FROM (
            SELECT t.id, b.n FROM target t JOIN queue_blocks b
                ON b.priority > t.priority OR (b.priority = t.priority AND b.block < t.day / 32)
            UNION ALL
            SELECT t.id, d.n FROM target t JOIN queue_days d
                ON d.priority = t.priority AND d.day >= t.day / 32 * 32 AND d.day < t.day
            UNION ALL
            SELECT t.id, (
                SELECT count(*) FROM tickets a
                WHERE a.\(PostgresTicketStore.isActive) AND a.priority = t.priority
                  AND a.created_at >= to_timestamp(t.day * 86400.0) AND (a.created_at, a.id) < (t.created_at, t.id)
            ) FROM target t
        ) AS parts GROUP BY id
        """
    typealias Row = (Int64, Int64)

    var ids: [Int64]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(self.ids)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A person's active tickets in queue order, prepared once per connection.
struct OwnActiveTickets: PostgresPreparedStatement {
    static let sql = """
        SELECT \(PostgresRows.ticketColumns) FROM tickets t
        WHERE t.created_by_id = $1 AND t.\(PostgresTicketStore.isActive)
        ORDER BY t.priority DESC, t.created_at, t.id LIMIT $2
        """
    typealias Row = PostgresRows.TicketRow

    var creator: Int64
    var limit: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(self.creator)
        bindings.append(self.limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// How many active tickets a person reported, from `ticket_counts`; prepared once per connection.
struct OwnActiveTotal: PostgresPreparedStatement {
    static let sql = "SELECT coalesce(sum(n), 0)::int8 FROM ticket_counts WHERE created_by_id = $1 AND \(PostgresTicketStore.isActive)"
    typealias Row = Int64

    var creator: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(self.creator)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
