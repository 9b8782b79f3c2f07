import Logging
import PostgresNIO
import TicketCore

// The statements the busiest requests run, prepared once per connection: for these short
// queries PostgreSQL spends as long planning as running them (a single ticket is one of them).

extension PostgresTicketStore {
    /// Runs `statement` on a pooled connection (see ``execute(_:on:logger:)``).
    func prepared<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row] {
        try await self.run {
            try await self.client.withConnection { connection in try await Self.execute(statement, on: connection, logger: self.logger) }
        }
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
}

/// A ticket by id.
struct TicketByID: OneValueStatement {
    static let sql = "SELECT \(TicketColumns.selection(of: "t")) FROM tickets t WHERE t.id = $1"
    typealias Row = Ticket

    var id: Int64

    var boundValue: Int64 { self.id }

    func decodeRow(_ row: PostgresRow) throws -> Row { try TicketColumns.ticket(PostgresResultRow(row)) }
}

/// Users (with their roles) by id.
struct UsersByID: OneValueStatement {
    static let sql = "SELECT \(UserColumns.selection) FROM \(UserColumns.join) WHERE u.id = ANY($1)"
    typealias Row = User

    var ids: [Int64]

    var boundValue: [Int64] { self.ids }

    func decodeRow(_ row: PostgresRow) throws -> Row { try UserColumns.user(PostgresResultRow(row)) }
}

/// The queue positions of active tickets, prepared once per connection (planning this
/// statement costs more than running it).
struct QueuePositions: OneValueStatement {
    static let sql = positions(ofTicketsWhere: "id = ANY($1)")
    typealias Row = (id: Int64, position: Int64)

    var ids: [Int64]

    var boundValue: [Int64] { self.ids }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        let row = PostgresResultRow(row)
        return (try row.value(named: "id"), try row.value(named: "position"))
    }

    /// Rows of ticket id and queue position for the active tickets meeting `condition`: one plus
    /// the active tickets of higher priority and of the same priority in earlier blocks of 32
    /// days (`queue_blocks`), on earlier days of its own block (`queue_days`), and of its day
    /// before it (counted on `tickets_queue`).
    static func positions(ofTicketsWhere condition: String) -> String {
        """
        WITH target AS (
            SELECT id, priority, created_at, utc_day(created_at) AS day FROM tickets
            WHERE \(condition) AND \(PostgresTicketStore.isActive)
        )
        SELECT id, (1 + sum(n))::int8 AS position FROM (
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
    }
}

/// A ticket with what its page shows (``TicketSnapshot``) in one statement and one JSON value:
/// the ticket, its queue position, its first `$2` comments, the people named on it (the
/// creator, the assignee and those comments' authors, as ``TicketSnapshot/peopleNamed(on:comments:)``
/// says) and its duplicates. Prepared once per connection.
struct TicketSnapshotStatement: PostgresPreparedStatement {
    static let sql = """
        WITH first_comments AS (
            SELECT \(CommentColumns.selection(of: "c")) FROM comments c WHERE c.ticket_id = $1 ORDER BY c.id LIMIT $2
        )
        SELECT json_build_object(
            'ticket', \(TicketColumns.json(of: "t")),
            'queue_position', (SELECT q.position FROM (\(QueuePositions.positions(ofTicketsWhere: "id = $1"))) AS q),
            'comments', (SELECT coalesce(json_agg(\(CommentColumns.json(of: "c")) ORDER BY c.id), '[]') FROM first_comments c),
            'people', (SELECT coalesce(json_agg(\(UserColumns.json)), '[]') FROM \(UserColumns.join)
                WHERE u.id = ANY(ARRAY[t.created_by_id, t.assigned_to_id] || ARRAY(SELECT user_id FROM first_comments))),
            'duplicates', (SELECT coalesce(json_agg(\(TicketColumns.json(of: "d")) ORDER BY d.id), '[]') FROM tickets d WHERE d.duplicate_of_id = $1)
        ) FROM tickets t WHERE t.id = $1
        """
    typealias Row = Snapshot

    var id: Int64
    var commentLimit: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(self.id)
        bindings.append(self.commentLimit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }

    /// The statement's one JSON value, as rows.
    struct Snapshot: Decodable, PostgresDecodable {
        var ticket: PostgresJSONRow
        var queuePosition: Int64?
        var comments: [PostgresJSONRow]
        var people: [PostgresJSONRow]
        var duplicates: [PostgresJSONRow]

        enum CodingKeys: String, CodingKey {
            case ticket, comments, people, duplicates
            case queuePosition = "queue_position"
        }
    }
}

/// A person's active tickets in queue order, prepared once per connection.
struct OwnActiveTickets: PostgresPreparedStatement {
    static let sql = """
        SELECT \(TicketColumns.selection(of: "t")) FROM tickets t
        WHERE t.created_by_id = $1 AND t.\(PostgresTicketStore.isActive)
        ORDER BY t.priority DESC, t.created_at, t.id LIMIT $2
        """
    typealias Row = Ticket

    var creator: Int64
    var limit: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(self.creator)
        bindings.append(self.limit)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try TicketColumns.ticket(PostgresResultRow(row)) }
}

/// How many active tickets a person reported, from `ticket_counts`; prepared once per connection.
struct OwnActiveTotal: OneValueStatement {
    static let sql = "SELECT coalesce(sum(n), 0)::int8 FROM ticket_counts WHERE created_by_id = $1 AND \(PostgresTicketStore.isActive)"
    typealias Row = Int64

    var creator: Int64

    var boundValue: Int64 { self.creator }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A prepared statement with one bound value (`$1`): its bindings are that value.
protocol OneValueStatement: PostgresPreparedStatement {
    associatedtype BoundValue: PostgresNonThrowingEncodable
    /// The value bound to `$1`.
    var boundValue: BoundValue { get }
}

extension OneValueStatement {
    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(self.boundValue)
        return bindings
    }
}
