import Logging
import PostgresNIO
import TicketCore

/// Where a store method sends its statements: the pool (``PostgresClient``), one connection
/// (``PostgresTicketStore/snapshot(_:)``), or the one connection of a time-limited search
/// (``PostgresSearchTimeLimit``).
protocol PostgresQueryRunner: Sendable {
    /// Runs `query`, returning its rows.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence
}

extension PostgresClient: PostgresQueryRunner {
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await self.query(query, logger: logger)
    }
}

extension PostgresConnection: PostgresQueryRunner {
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await self.query(query, logger: logger)
    }
}

/// A bound on how long one text search may keep a connection: its statements run on one
/// connection, in a snapshot transaction, each with `statement_timeout` set to what is left of the time,
/// so PostgreSQL stops the search once it is up and the caller gets a 503 instead of a search
/// that holds a connection (and a server process) for as long as it likes.
struct PostgresSearchTimeLimit: PostgresQueryRunner {
    let connection: PostgresConnection
    let deadline: ContinuousClock.Instant

    /// SQLSTATE `query_canceled`, which a statement stopped by `statement_timeout` fails with.
    static let canceled = "57014"

    /// Runs `body` with a search connection that stops after `limit`; a stopped search is
    /// ``TicketError/busy(_:retryAfterSeconds:)``.
    static func run<T: Sendable>(
        _ limit: Duration, in store: PostgresTicketStore, _ body: @escaping @Sendable (PostgresSearchTimeLimit) async throws -> T
    ) async throws -> T {
        let deadline = ContinuousClock.now + limit
        do {
            return try await store.snapshot { connection in try await body(PostgresSearchTimeLimit(connection: connection, deadline: deadline)) }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.canceled {
            throw TicketError.busy("The search took too long; try fewer or more specific words")
        }
    }

    func rows(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        let left = self.deadline - ContinuousClock.now
        // At least a millisecond: 0 would switch the limit off.
        let milliseconds = max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
        try await self.connection.query("SET LOCAL statement_timeout = \(unescaped: String(milliseconds))", logger: logger)
        return try await self.connection.query(query, logger: logger)
    }
}
