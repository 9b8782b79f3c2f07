import Foundation
import GRDB
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStoreSQLite

/// Each migration on a database of the schema before it, with data in it.
@Suite("SQLite upgrades")
struct SQLiteUpgradeTests {
    /// A database file at each shipped schema version, holding a few weeks of an office's work
    /// (a ``CacheWorkout`` on the current schema, loaded through the columns that version's
    /// tables have), is opened as the server opens it, migrating it to the current schema.
    /// Then every data table equals the current-schema original (so the columns a migration
    /// fills in, such as v11's `resolved_at` and `closed_at` from the history, are what the
    /// service would have written), every cache equals a recomputation, and both stay so
    /// through more work. New migrations join this test by themselves.
    @Test(arguments: SQLiteTicketStore.migrations.dropLast().map(\.name))
    func everyVersionUpgradesWithItsData(from version: String) async throws {
        let original = try DatabaseQueue()
        // Tickets have categories from v14 on.
        let names = SQLiteTicketStore.migrations.map(\.name)
        let categories = try #require(names.firstIndex(of: version)) >= (try #require(names.firstIndex(of: "v14-ticket-category")))
        try await CacheWorkout.run(on: SQLiteTicketStore(original), seed: 21, steps: 200, categories: categories)
        try await TestSQLite.withDirectory { directory in
            let path = directory.appendingPathComponent("tickets.sqlite").path
            let old = try DatabaseQueue(path: path)
            try SQLiteTicketStore.migrator.migrate(old, upTo: version)
            try Self.load(from: original, into: old)
            try old.close()

            let store = try SQLiteTicketStore(path: path)
            try await store.writer.read { upgraded in
                try original.read { original in
                    for table in UpgradeTables.data {
                        let (after, expected) = (try Self.rows(of: table, in: upgraded), try Self.rows(of: table, in: original))
                        #expect(after == expected, "\(table) after the upgrade from \(version)")
                    }
                }
                try SQLiteCacheTests.expectCachesExact(upgraded, "after the upgrade from \(version)")
            }
            try await CacheWorkout.run(on: store, seed: 22, steps: 120, people: "later-")
            try await store.writer.read { db in try SQLiteCacheTests.expectCachesExact(db, "after more work on an upgrade from \(version)") }
            try store.close()
        }
    }

    /// Copies the data tables' rows, ids included, through the columns `old` has.
    static func load(from original: DatabaseQueue, into old: DatabaseQueue) throws {
        let rows = try original.read { db in try UpgradeTables.loaded.map { try Row.fetchAll(db, sql: "SELECT * FROM \($0)") } }
        #expect(rows[1].count > 10, "the workout made too few tickets to test anything")
        try old.write { db in
            // A duplicate may name a later ticket.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for (table, rows) in zip(UpgradeTables.loaded, rows) {
                let columns = Set(try db.columns(in: table).map(\.name))
                for row in rows {
                    let names = row.columnNames.filter(columns.contains)
                    try db.execute(
                        sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(databaseQuestionMarks(count: names.count)))",
                        arguments: StatementArguments(names.map { row[$0] as DatabaseValue }))
                }
            }
        }
    }

    /// A table's rows, each described with its column names, sorted.
    static func rows(of table: String, in db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).sorted()
    }

    /// A v12 database with people and a ticket gains sessions (v13): its people sign in, end
    /// one session, and their ticket is as it was.
    @Test func sessionsArriveOnADatabaseWithPeople() async throws {
        let queue = try DatabaseQueue()
        try SQLiteTicketStore.migrator.migrate(queue, upTo: "v12-queue-blocks")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (name, email, password_hash, role_id, active, created_at, session_generation)
                    SELECT 'Ann', 'ann@example.com', 'hash-a', id, 1, 1000, 3 FROM roles WHERE name = 'user';
                    INSERT INTO users (name, email, password_hash, role_id, active, created_at)
                    SELECT 'Tess', 'tess@example.com', 'hash-t', id, 1, 1000 FROM roles WHERE name = 'tech';
                    INSERT INTO tickets (title, description, priority, status, created_by_id, created_at)
                    SELECT 'Printer jams', 'Tray 2', 2, 'open', id, 2000 FROM users WHERE email = 'ann@example.com';
                    """)
        }
        let store = try SQLiteTicketStore(queue)
        let ann = try #require(try await store.credentials(email: "ann@example.com")).user
        #expect(ann.sessionGeneration == 3 && ann.name == "Ann")
        try await SessionUpgradeCheck.expectOneSessionEndsAlone(in: store, of: ann)
        let tickets = try await store.tickets(matching: TicketQuery())
        #expect(tickets.items.map(\.title) == ["Printer jams"])
        #expect(tickets.totalCount == 1)
    }
}
