import Foundation
import GRDB
public import TicketCore

extension SQLiteTicketStore {
    /// The condition of `tickets_queue` and `tickets_queue_by_creator`, written as in their
    /// definitions so SQLite uses those partial indexes (``TicketStatus/isActive`` in SQL).
    static let isActive = "status NOT IN ('resolved', 'closed')"

    public func queuePositions(of ids: [Ticket.ID]) async throws -> [Ticket.ID: Int] {
        try await self.readStatement { db in try Self.queuePositions(of: ids, db) }
    }

    static func fetchDuplicates(of id: Ticket.ID, _ db: Database) throws -> [Ticket] {
        try TicketRecord.fetchAll(
            db.cachedStatement(sql: "SELECT \(TicketRecord.selection) FROM tickets t WHERE t.duplicate_of_id = ? ORDER BY t.id"),
            arguments: [id.rawValue]
        ).map(\.ticket)
    }

    /// Every figure in one read transaction: one snapshot of the database.
    public func officeFigures(_ request: OfficeFiguresRequest) async throws -> OfficeFigures {
        try await self.read { db in
            let tally = try Array(
                Row.fetchCursor(
                    db.cachedStatement(
                        sql: "SELECT assigned_to_id, status, priority, sum(n) AS n FROM ticket_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0")
                ).map { row in
                    let assignee = try row.value(Column("assigned_to_id"), as: Int64.self)
                    guard let status = TicketStatus(rawValue: try row.value(Column("status"))),
                        let priority = TicketPriority(rank: try row.value(Column("priority")))
                    else { throw UnreadableRow(table: "ticket_counts", id: assignee) }
                    return TicketTally(
                        assignee: assignee == 0 ? nil : User.ID(assignee), status: status, priority: priority, count: try row.value(Column("n")))
                })
            let managers = try UserRecord.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(UserRecord.selection) FROM \(UserRecord.join) WHERE u.active AND r.can_manage_tickets ORDER BY u.id")
            ).map(\.user)
            let times = try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT resolved_at - created_at FROM tickets WHERE resolved_at >= ?"),
                arguments: [request.resolvedSince.millisecondsSince1970]
            )
            let days = try Array(
                Row.fetchCursor(
                    db.cachedStatement(sql: "SELECT day, created, resolved FROM ticket_days WHERE day BETWEEN ? AND ? ORDER BY day"),
                    arguments: [request.days.lowerBound.number, request.days.upperBound.number]
                ).map { row in
                    TrendDay(
                        day: UTCDay(number: try row.value(Column("day"))), created: try row.value(Column("created")),
                        resolved: try row.value(Column("resolved")))
                })
            return OfficeFigures(tally: tally, ticketManagers: managers, resolutionTimes: times.map { Double($0) / 1000 }, days: days)
        }
    }

    public func ownQueue(of viewer: User.ID, limit: Int) async throws -> OwnQueue {
        try await self.read { db in
            let own = try TicketRecord.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(TicketRecord.selection) FROM tickets t
                        WHERE t.created_by_id = ? AND t.\(Self.isActive)
                        ORDER BY t.priority DESC, t.created_at, t.id LIMIT ?
                        """
                ),
                arguments: [viewer.rawValue, limit]
            ).map(\.ticket)
            let positions = try Self.queuePositions(of: own.map(\.id), db)
            let total = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE created_by_id = ? AND \(Self.isActive)"),
                arguments: [viewer.rawValue]
            )
            return OwnQueue(
                tickets: own.compactMap { ticket in positions[ticket.id].map { QueuedTicket(ticket: ticket, queuePosition: $0) } },
                total: total ?? 0
            )
        }
    }

    /// Each position is one plus the active tickets handled before it: those of higher
    /// priority and of its priority in earlier blocks of 32 days (`queue_blocks`), of its
    /// priority on earlier days of its own block (`queue_days`), and of its priority and day
    /// before it (counted on `tickets_queue`). One statement for all of `ids`, written as sums
    /// per ticket so that SQLite needs no temporary table (opening one cost a single ticket's
    /// page a third of its time, Benchmarks/RESULTS.md).
    static func queuePositions(of ids: [Ticket.ID], _ db: Database) throws -> [Ticket.ID: Int] {
        guard !ids.isEmpty else { return [:] }
        let day = "(t.created_at / 86400000)"
        let positions = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT t.id, 1
                        + (SELECT coalesce(sum(n), 0) FROM queue_blocks WHERE priority > t.priority)
                        + (SELECT coalesce(sum(n), 0) FROM queue_blocks WHERE priority = t.priority AND block < \(day) / 32)
                        + (SELECT coalesce(sum(n), 0) FROM queue_days
                           WHERE priority = t.priority AND day >= \(day) / 32 * 32 AND day < \(day))
                        + (SELECT count(*) FROM tickets a
                           WHERE a.\(Self.isActive) AND a.priority = t.priority
                             AND a.created_at >= \(day) * 86400000 AND (a.created_at, a.id) < (t.created_at, t.id)) AS position
                    FROM \(SQLiteLists.idList) JOIN tickets t ON t.id = wanted.value
                    WHERE t.\(Self.isActive)
                    """),
            arguments: [SQLiteLists.idList(ids.map(\.rawValue))]
        ).map { row in (Ticket.ID(try row.value(Column("id"), as: Int64.self)), try row.value(Column("position"), as: Int.self)) }
        return Dictionary(uniqueKeysWithValues: try Array(positions))
    }
}
