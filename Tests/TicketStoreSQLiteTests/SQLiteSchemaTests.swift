import Crypto
import Foundation
import GRDB
import Testing
import TicketTestSupport

@testable import TicketStoreSQLite

/// The SQLite schema as a reader sees it: `docs/schema/sqlite.sql` is exactly what the
/// migrations make, and shipped migrations never change.
@Suite("SQLite schema")
struct SQLiteSchemaTests {
    /// The SHA-256 of each shipped migration's SQL, by name, in order. A new migration adds
    /// its line here; a changed line means a shipped migration was edited, which must not be:
    /// databases that already ran it would not run it again.
    static let frozen: [(name: String, sha256: String)] = [
        ("v1-schema", "0d61358ed06058dc9a224ebdfc51a44643b6f3270005fce9362e9986b4804dba"),
        ("v2-search", "818fa69e1307c78d00c7a0990c7f500229f79429ee083a89153633c60faecd62"),
        ("v3-ticket-counts", "52874662f8c61da7cdc2fb06d3519db4cba58d3b22d4db9cd2ccc35a9cd8fdb5"),
        ("v4-visibility-sort-indexes", "acb1ceba854f22b1f4f2af04459885d95c6c41467a1f1e1d6d466606dc4650c5"),
        ("v5-open-ticket-search", "c91d962c0ac46dd9ea75db75ca258dd930fa7d537688ccda78137947c1e1447f"),
        ("v6-similar-ticket-search", "0cfdcc0a17a38e1b03b952613cff81dd10821ba9f5af317f35f5c2eedc9ccbd7"),
        ("v7-ticket-counts-by-people", "c83ea84a0448c0c8b1e4febdd4f7db03bd7a542f036e6a8d437a138948ee6431"),
        ("v8-search-viewers", "04ac0550235f0cb60d3f934b1ce1a9ad5e9fe04aae9412e9c315466310e5e3e0"),
        ("v9-capped-comment-search", "29e6b600fe4728592ebd5a5c6479b139c6eed606fbb9bffd6162c5186e4bda15"),
        ("v10-sessions-and-login-attempts", "4dbea19b8999d35c03bfc0ae7dc447982f69c4a1d6d6a69f1bd7341b6731d4f1"),
        ("v11-queue-and-office-stats", "e56be682dae1ee44f7ab79414563d27baba12eab4b4d619ccf94f570af09a208"),
        ("v12-queue-blocks", "39a4e32dca526f8e07bfde377eae5dbed41e0f33a19cb72c315ac9cf4953a44b"),
        ("v13-sessions", "72b692b43efea7a29967ee7fe018c48c888ea4a56815d340fc8e378f0eacebe8"),
        ("v14-ticket-category", "01ba4e2ddf5572b40a488425f7e34fb1c8ca4e681bd8afd260a06ed6a25640a8"),
    ]

    @Test func shippedMigrationsNeverChange() {
        let shipped = SQLiteTicketStore.migrations.map { (name: $0.name, sha256: Self.sha256($0.sql)) }
        for (index, migration) in shipped.enumerated() {
            guard index < Self.frozen.count else {
                Issue.record("New migration \(migration.name): add (\"\(migration.name)\", \"\(migration.sha256)\") to SQLiteSchemaTests.frozen")
                continue
            }
            #expect(migration.name == Self.frozen[index].name, "migration \(index + 1) was renamed or reordered")
            #expect(migration.sha256 == Self.frozen[index].sha256, "the shipped migration \(migration.name) was edited; add a new one instead")
        }
        #expect(shipped.count >= Self.frozen.count, "a shipped migration was removed")
    }

    @Test func theSnapshotIsWhatTheMigrationsMake() throws {
        let database = try DatabaseQueue()
        try SQLiteTicketStore.migrator.migrate(database)
        let schema = try database.read(Self.snapshot)
        #expect(
            schema == (try SchemaSnapshot.recorded("sqlite.sql", updatingWith: schema)),
            "docs/schema/sqlite.sql differs from what the migrations make: rerun with UPDATE_SCHEMA_SNAPSHOTS=1 and review the diff"
        )
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
        return SchemaSnapshot.header(store: "SQLite") + body.joined(separator: "\n")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
