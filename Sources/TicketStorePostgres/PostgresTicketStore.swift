public import Logging
public import PostgresNIO
public import TicketCore

/// The ``TicketStore`` for larger installs: PostgreSQL through a pooled `PostgresClient`.
///
/// The client must be running (`client.run()` in a task group, or as a service of the
/// server's service group) before any method is called, and ``migrate()`` must have run.
/// Every query binds its values; SQL text is never built from input.
public struct PostgresTicketStore: TicketStore {
    let client: PostgresClient
    let logger: Logger

    /// Wraps a client; call ``migrate()`` once it runs.
    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func storedSetting(_ key: String) async throws -> String? {
        try await self.run {
            let rows = try await self.client.query("SELECT value FROM settings WHERE key = \(key)", logger: self.logger)
            for try await stored in rows.decode(String.self) { return stored }
            return nil
        }
    }

    public func removeSetting(_ key: String) async throws {
        _ = try await self.run { try await self.client.query("DELETE FROM settings WHERE key = \(key)", logger: self.logger) }
    }

    public func ping() async throws {
        try await self.run {
            _ = try await self.client.query("SELECT 1", logger: self.logger)
        }
    }

    /// Runs store work, translating constraint violations into ``TicketError``s. Other driver
    /// errors are rethrown as they are, for the server log (their description is redacted).
    func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            throw Self.translate(error)
        }
    }

    /// Runs `body` in one transaction, translating errors like ``run(_:)``.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await self.run {
            do {
                return try await self.client.withTransaction(logger: self.logger) { connection in try await body(connection) }
            } catch let error as PostgresTransactionError {
                // The transaction was rolled back; surface what went wrong inside it.
                throw error.closureError ?? error.commitError ?? error.beginError ?? error
            }
        }
    }

    /// Runs `body`'s reads on one connection in a read-only `REPEATABLE READ` transaction, so
    /// that the statements of one answer (a page and its total count) see one moment however
    /// writes fall between them. Errors are translated like ``run(_:)``.
    func snapshot<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await self.transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: self.logger)
            return try await body(connection)
        }
    }

    /// The unique constraints a client can run into, by name, with what the client is told. Any
    /// other unique violation is a bug, left to the server log as a 500.
    static let uniqueConstraintConflicts: [String: String] = ["users_email_unique": "Email already in use"]

    /// Constraint failures a client can cause become ``TicketError``s; anything else is
    /// rethrown for the server log.
    static func translate(_ error: PSQLError) -> any Error {
        switch error.serverInfo?[.sqlState] {
        case "23505":
            guard let name = error.serverInfo?[.constraintName], let message = Self.uniqueConstraintConflicts[name] else { return error }
            return TicketError.conflict(message)
        case "23503": return TicketError.notFound("Referenced object")
        default: return error
        }
    }
}
