import Foundation
import Logging
import PostgresNIO
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStorePostgres

/// Each migration on a database of the schema before it, with data in it: the upgrade keeps
/// what the triggers keep exact.
@Suite("PostgreSQL upgrades")
struct PostgresUpgradeTests {
    /// Columns of the data tables (``UpgradeTables``) that the triggers keep, caches like the
    /// other tables (``PostgresCacheTests/caches``); generated columns are left out as well.
    static let derivedColumns: Set<String> = ["document", "searched_comment_chars"]

    /// A database at each shipped schema version, holding a few weeks of an office's work (a
    /// ``CacheWorkout`` on the current schema, loaded through the columns that version's tables
    /// have), is migrated to the current schema. Then every data table equals the
    /// current-schema original (so the columns a migration fills in, such as v8's
    /// `resolved_at` and `closed_at` from the history, are what the service would have
    /// written), every cache equals a recomputation, and both stay so through more work. New
    /// migrations join this test by themselves.
    @Test(arguments: PostgresTicketStore.migrationNames.dropLast())
    func everyVersionUpgradesWithItsData(from version: String) async throws {
        let through = try #require(PostgresTicketStore.migrationNames.firstIndex(of: version)) + 1
        try await PostgresCacheTests.withStore { original, originalClient, logger in
            try await original.migrate()
            // Tickets have categories from v14 on.
            let categories = through > (try #require(PostgresTicketStore.migrationNames.firstIndex(of: "v14-ticket-category")))
            try await CacheWorkout.run(on: original, seed: 21, steps: 150, categories: categories)
            try await PostgresCacheTests.withStore { store, client, logger in
                try await store.migrate(through: through)
                try await Self.load(from: originalClient, into: client, logger)
                try await store.migrate()
                for table in UpgradeTables.data {
                    let upgraded = try await Self.rows(of: table, client, logger)
                    let expected = try await Self.rows(of: table, originalClient, logger)
                    #expect(upgraded == expected, "\(table) after the upgrade from \(version)")
                }
                try await PostgresCacheTests.expectCachesExact(client, logger, "after the upgrade from \(version)")
                try await CacheWorkout.run(on: store, seed: 22, steps: 100, people: "later-")
                try await PostgresCacheTests.expectCachesExact(client, logger, "after more work on an upgrade from \(version)")
            }
        }
    }

    /// The columns of `table` that hold data, in order.
    static func dataColumns(of table: String, _ client: PostgresClient, _ logger: Logger) async throws -> [String] {
        var columns: [String] = []
        let rows = try await client.query(
            """
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table) AND is_generated = 'NEVER'
            ORDER BY ordinal_position
            """, logger: logger)
        for try await column in rows.decode(String.self) where !Self.derivedColumns.contains(column) {
            columns.append(column)
        }
        return columns
    }

    /// Copies the data tables' rows, ids included, through the columns the old database has,
    /// then moves its id sequences past them as use would have.
    static func load(from original: PostgresClient, into old: PostgresClient, _ logger: Logger) async throws {
        for table in UpgradeTables.loaded {
            let current = Set(try await Self.dataColumns(of: table, original, logger))
            let columns = try await Self.dataColumns(of: table, old, logger).filter(current.contains)
            let list = columns.joined(separator: ", ")
            let json = try await PostgresCacheTests.lines("SELECT coalesce(json_agg(t), '[]')::text FROM \(table) t", original, logger)
            try await old.query(
                """
                INSERT INTO \(unescaped: table) (\(unescaped: list)) OVERRIDING SYSTEM VALUE
                SELECT \(unescaped: list) FROM json_populate_recordset(NULL::\(unescaped: table), \(json.first ?? "[]")::json)
                """, logger: logger)
            if columns.contains("id") {
                try await old.query(
                    "SELECT setval(pg_get_serial_sequence(\(table), 'id'), max(id)) FROM \(unescaped: table) HAVING max(id) IS NOT NULL",
                    logger: logger)
            }
        }
        let tickets = try await PostgresCacheTests.lines("SELECT count(*)::text FROM tickets", old, logger)
        #expect(Int(tickets.first ?? "0") ?? 0 > 10, "the workout made too few tickets to test anything")
    }

    /// A table's data columns, one text line per row, sorted.
    static func rows(of table: String, _ client: PostgresClient, _ logger: Logger) async throws -> [String] {
        let columns = try await Self.dataColumns(of: table, client, logger).joined(separator: ", ")
        return try await PostgresCacheTests.lines("SELECT ROW(\(columns))::text FROM \(table)", client, logger)
    }

    /// A v12 database with people and tickets gains sessions (v13): its people sign in and end
    /// one session, and the caches stay exact. (The people and tickets are made by today's store
    /// and loaded through v12's columns, as ``everyVersionUpgradesWithItsData(from:)`` does.)
    @Test func sessionsArriveOnADatabaseWithPeople() async throws {
        try await PostgresCacheTests.withStore { original, originalClient, _ in
            try await original.migrate()
            try await CacheWorkout.run(on: original, seed: 13, steps: 80, categories: false)
            try await PostgresCacheTests.withStore { store, client, logger in
                let v12 = try #require(PostgresTicketStore.migrationNames.firstIndex(of: "v12-triggers-fire-on-real-changes"))
                try await store.migrate(through: v12 + 1)
                try await Self.load(from: originalClient, into: client, logger)
                try await store.migrate()
                let staff = try #require(try await store.credentials(email: "staff0@example.com")).user
                try await SessionUpgradeCheck.expectOneSessionEndsAlone(in: store, of: staff)
                try await PostgresCacheTests.expectCachesExact(client, logger, "after the upgrade to v13")
            }
        }
    }
}
