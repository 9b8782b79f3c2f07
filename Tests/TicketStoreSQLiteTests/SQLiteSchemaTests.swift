import Foundation
import GRDB
import Testing
import TicketTestSupport

@testable import TicketStoreSQLite

/// The SQLite schema as a reader sees it: `docs/schema/sqlite.sql` is exactly what the
/// migrations make, and shipped migrations never change.
@Suite("SQLite schema")
struct SQLiteSchemaTests {
    @Test func theSnapshotRecordsEveryMigrationAndWhatTheyMake() throws {
        let database = try DatabaseQueue()
        try SQLiteTicketStore.migrator.migrate(database)
        let problems = try SchemaSnapshot.problems(
            in: "sqlite.sql",
            store: "SQLite",
            migrations: SQLiteTicketStore.migrations.map { SchemaSnapshot.Migration(name: $0.name, sql: $0.sql) },
            schema: try database.read(Self.snapshot)
        )
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }

    /// Every table, index, trigger and view, by kind and name, as SQLite keeps its definition.
    static func snapshot(_ db: Database) throws -> String {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT type, name, sql FROM sqlite_schema
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, name
                """
        )
        let body = rows.map { row -> String in
            let type: String = row["type"], name: String = row["name"], sql: String = row["sql"]
            return "-- \(type) \(name)\n\(sql);\n"
        }
        return body.joined(separator: "\n")
    }
}
