public import Foundation
import GRDB
public import TicketCore

extension SQLiteTicketStore {
    /// The condition of `tickets_queue` and `tickets_queue_by_creator`, written the same way so
    /// SQLite uses those partial indexes.
    static let isActive = "status NOT IN ('resolved', 'closed')"

    /// Each position is the active tickets of higher priority and of the same priority created
    /// on earlier days (summed from `queue_days`), plus the tickets of its own priority and day
    /// before it (counted on `tickets_queue`), plus one.
    public func queuePositions(of ids: [Ticket.ID]) async throws -> [Ticket.ID: Int] {
        guard !ids.isEmpty else { return [:] }
        return try await self.read { db in
            let targets = try Row.fetchAll(
                db,
                sql: "SELECT id, priority, created_at FROM tickets WHERE id IN (\(Rows.placeholders(ids.count))) AND \(Self.isActive)",
                arguments: StatementArguments(ids.map(\.rawValue))
            )
            guard !targets.isEmpty else { return [:] }
            let days = try Row.fetchAll(db, sql: "SELECT priority, day, n FROM queue_days WHERE n <> 0").map {
                (priority: $0[0] as Int64, day: $0[1] as Int64, count: $0[2] as Int64)
            }
            let sameDay = try db.cachedStatement(
                sql: """
                    SELECT count(*) FROM tickets
                    WHERE \(Self.isActive) AND priority = ? AND created_at >= ? AND (created_at, id) < (?, ?)
                    """
            )
            var positions: [Ticket.ID: Int] = [:]
            for target in targets {
                let (id, priority, createdAt) = (target[0] as Int64, target[1] as Int64, target[2] as Int64)
                let day = createdAt / UTCDay.milliseconds
                let earlierDays = days.reduce(Int64(0)) { sum, bucket in
                    bucket.priority > priority || (bucket.priority == priority && bucket.day < day) ? sum + bucket.count : sum
                }
                let before = try Int64.fetchOne(sameDay, arguments: [priority, day * UTCDay.milliseconds, createdAt, id]) ?? 0
                positions[Ticket.ID(id)] = Int(1 + earlierDays + before)
            }
            return positions
        }
    }

    public func queuedTickets(createdBy creator: User.ID, limit: Int) async throws -> (tickets: [Ticket], total: Int) {
        try await self.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Rows.ticketColumns) FROM tickets t
                    WHERE t.created_by_id = ? AND t.\(Self.isActive)
                    ORDER BY t.priority DESC, t.created_at, t.id LIMIT ?
                    """,
                arguments: [creator.rawValue, limit]
            )
            let total = try Int.fetchOne(
                db, sql: "SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE created_by_id = ? AND \(Self.isActive)",
                arguments: [creator.rawValue]
            )
            return (try rows.map(Rows.ticket), total ?? 0)
        }
    }

    public func duplicates(of id: Ticket.ID) async throws -> [Ticket] {
        try await self.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Rows.ticketColumns) FROM tickets t WHERE t.duplicate_of_id = ? ORDER BY t.id", arguments: [id.rawValue]
            ).map(Rows.ticket)
        }
    }

    public func ticketTally() async throws -> [TicketTally] {
        try await self.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT assigned_to_id, status, priority, sum(n) FROM ticket_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0"
            ).map { row in
                guard let status = TicketStatus(rawValue: row[1] as String), let priority = TicketPriority(rank: row[2] as Int) else {
                    throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown ticket priority or status")
                }
                let assignee = row[0] as Int64
                return TicketTally(assignee: assignee == 0 ? nil : User.ID(assignee), status: status, priority: priority, count: row[3])
            }
        }
    }

    public func ticketManagers() async throws -> [User] {
        try await self.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Rows.userColumns) FROM \(Rows.userJoin) WHERE u.active AND r.can_manage_tickets ORDER BY u.id"
            ).map(Rows.user)
        }
    }

    public func resolutionCount(since: Date) async throws -> Int {
        try await self.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets WHERE resolved_at >= ?", arguments: [since.millisecondsSince1970]) ?? 0
        }
    }

    public func resolutionTimes(since: Date, offset: Int, count: Int) async throws -> [TimeInterval] {
        try await self.read { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT resolved_at - created_at AS time FROM tickets WHERE resolved_at >= ? ORDER BY time LIMIT ? OFFSET ?",
                arguments: [since.millisecondsSince1970, count, offset]
            ).map { Double($0) / 1000 }
        }
    }

    public func dailyTicketCounts(_ days: ClosedRange<UTCDay>) async throws -> [TrendDay] {
        try await self.read { db in
            try Row.fetchAll(
                db, sql: "SELECT day, created, resolved FROM ticket_days WHERE day BETWEEN ? AND ? ORDER BY day",
                arguments: [days.lowerBound.number, days.upperBound.number]
            ).map { TrendDay(day: UTCDay(number: $0[0]), created: $0[1], resolved: $0[2]) }
        }
    }
}
