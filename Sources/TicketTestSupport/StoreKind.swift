public import Foundation
import GRDB
import Logging
public import PostgresNIO
public import Testing
public import TicketCore
import TicketStorePostgres
import TicketStoreSQLite

/// The real stores every behaviour test runs against.
public enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    public var testDescription: String { self.rawValue }

    /// Runs `body` with an empty, migrated store of this kind, removed afterwards.
    ///
    /// The SQLite store is the configuration that ships: a file in WAL mode opened as a
    /// `DatabasePool` with `synchronous=FULL` (``SQLiteTicketStore/init(path:)``), so
    /// concurrent cases really run concurrently.
    public func withStore(_ body: @escaping @Sendable (any TicketStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            try await TestSQLite.withFileStore(body)
        case .postgres:
            try await TestPostgres.withSchemaStore(body)
        }
    }
}

/// SQLite database files in a directory of their own, removed afterwards.
public enum TestSQLite {
    /// Runs `body` with a store on a new database file, as the server opens it.
    static func withFileStore(_ body: @escaping @Sendable (any TicketStore) async throws -> Void) async throws {
        try await self.withDirectory { directory in
            let store = try SQLiteTicketStore(path: directory.appendingPathComponent("tickets.sqlite").path)
            do {
                try await body(store)
            } catch {
                try? store.close()
                throw error
            }
            try store.close()
        }
    }

    /// Runs `body` with a new empty directory, removed afterwards even when `body` throws.
    public static func withDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }
}

/// The PostgreSQL server the test command started (`TICKETS_TEST_POSTGRES_URL`).
public enum TestPostgres {
    /// The server's URL; a missing variable fails the test (run `scripts/test.sh`), it never skips.
    public static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TICKETS_TEST_POSTGRES_URL"], !url.isEmpty else {
            Issue.record("TICKETS_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts PostgreSQL")
            throw MissingServer()
        }
        return url
    }

    struct MissingServer: Error {}

    static var logger: Logger {
        var logger = Logger(label: "ticket-tests.postgres")
        logger.logLevel = .warning
        return logger
    }

    /// A migrated store in a schema of its own, dropped afterwards, so tests run in parallel.
    static func withSchemaStore(_ body: @escaping @Sendable (any TicketStore) async throws -> Void) async throws {
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var configuration = try PostgresTicketStore.configuration(url: try self.url())
        configuration.options.additionalStartupParameters = [("search_path", schema)]
        configuration.options.maximumConnections = 4
        try await self.withClient(configuration) { client in
            try await client.query("CREATE SCHEMA \(unescaped: schema)", logger: self.logger)
            do {
                let store = PostgresTicketStore(client: client, logger: self.logger)
                try await store.migrate()
                try await body(store)
            } catch {
                _ = try? await client.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: self.logger)
                throw error
            }
            try await client.query("DROP SCHEMA \(unescaped: schema) CASCADE", logger: self.logger)
        }
    }

    /// Runs `body` with a running client, shutting it down afterwards even when `body` throws.
    @discardableResult
    public static func withClient<T: Sendable>(
        _ configuration: PostgresClient.Configuration, _ body: @escaping @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: configuration, backgroundLogger: self.logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            group.addTask { try await body(client) }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw CancellationError()
        }
    }

    /// Runs `body` with the URL of a fresh database of its own, dropped afterwards.
    public static func withDatabase(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let url = try self.url()
        let name = "tickets_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PostgresTicketStore.configuration(url: url)
        try await self.withClient(admin) { client in
            try await client.query("CREATE DATABASE \(unescaped: String(name))", logger: self.logger)
        }
        var components = URLComponents(string: url)!
        components.path = "/" + name
        let databaseURL = components.string!
        do {
            try await body(databaseURL)
        } catch {
            try? await self.dropDatabase(String(name), admin: admin)
            throw error
        }
        try await self.dropDatabase(String(name), admin: admin)
    }

    private static func dropDatabase(_ name: String, admin: PostgresClient.Configuration) async throws {
        try await self.withClient(admin) { client in
            try await client.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: self.logger)
        }
    }
}
