import Crypto
import Foundation
import Logging
import PostgresNIO
import Testing
import TicketTestSupport

@testable import TicketStorePostgres

/// The PostgreSQL schema as a reader sees it: `docs/schema/postgres.sql` is exactly what the
/// migrations make in a fresh database, and shipped migrations never change.
@Suite("PostgreSQL schema")
struct PostgresSchemaTests {
    /// The SHA-256 of each shipped migration's statements (joined by a blank line), by name, in
    /// order. A new migration adds its line here; a changed line means a shipped migration was
    /// edited, which must not be: databases that already ran it would not run it again.
    static let frozen: [(name: String, sha256: String)] = [
        ("v1-schema", "94c0d81bf5771c02376ff0ca1d1a3062f3897883d6436da52048defd754396aa"),
        ("v2-counts-and-user-sort-indexes", "465f825549811e4c8f1c8d23adf5a872b26858ae4e3a705906fea8a984e4929d"),
        ("v3-ticket-documents", "092aeb064143888a530c4abf6bb7758ffa5a4028a47b89a81fa8e7408935f694"),
        ("v4-ticket-counts-by-people", "c25f6d81419b600f7230d50429944bdc2d73cb96f24363951e003e86ad8b62ba"),
        ("v5-lexeme-counts", "3b20de90b548711da10f4d9f961c389eec8c77970bcc81457fcceae435d12540"),
        ("v6-capped-comment-search", "11ac02dda91b9bf2005405133c9fdd016041e679e47a445cfc8cbae238a49c8e"),
        ("v7-sessions-and-login-attempts", "22ae0d2205ebec44dcddbee2a3ef667e0d15cee65cd89c88d0d62571dbdcde00"),
        ("v8-queue-and-office-stats", "5dcecedbbfad0ef89d79a5cf9d0210ac642a94c66962b39f47ce9588dfaa95e4"),
        ("v9-queue-blocks", "a16beba2ab0ca3d898dc72e8435439063f374bd11a2f64b02310c6f2518fd979"),
        ("v10-similar-title-and-description", "e9f2e11b34dbca8fb13e1aee2728fab6cc232aa88d4e1178b18596ce4c1f6d6f"),
        ("v11-comments-append-to-documents", "b7310398834b4e16c3888850695b79534eebc265107dac8a86b27a7a1ce6c24f"),
        ("v12-triggers-fire-on-real-changes", "11e22cd1fa23c3dc6e9d987bc9239c7ef797834fb7ee7598d899f407ab4c5ecc"),
        ("v13-sessions", "81114d6c1f4436a8dbd3cd827e8abecaf465fee22697cab1d02ac69c0671eb81"),
        ("v14-ticket-category", "166fe2f65db93082264933ac2364de47c394b94e051dbddce91a52f4f8770042"),
    ]

    @Test func shippedMigrationsNeverChange() {
        let shipped = PostgresTicketStore.migrations.map { (name: $0.name, sha256: Self.sha256($0.statements.joined(separator: "\n\n"))) }
        for (index, migration) in shipped.enumerated() {
            guard index < Self.frozen.count else {
                Issue.record("New migration \(migration.name): add (\"\(migration.name)\", \"\(migration.sha256)\") to PostgresSchemaTests.frozen")
                continue
            }
            #expect(migration.name == Self.frozen[index].name, "migration \(index + 1) was renamed or reordered")
            #expect(migration.sha256 == Self.frozen[index].sha256, "the shipped migration \(migration.name) was edited; add a new one instead")
        }
        #expect(shipped.count >= Self.frozen.count, "a shipped migration was removed")
    }

    @Test func theSnapshotIsWhatTheMigrationsMake() async throws {
        try await TestPostgres.withDatabase { url in
            let configuration = try PostgresTicketStore.configuration(url: url)
            let schema = try await TestPostgres.withClient(configuration) { client in
                try await PostgresTicketStore(client: client, logger: Self.logger).migrate()
                return try await Self.snapshot(client)
            }
            #expect(
                schema == (try SchemaSnapshot.recorded("postgres.sql", updatingWith: schema)),
                "docs/schema/postgres.sql differs from what the migrations make: rerun with UPDATE_SCHEMA_SNAPSHOTS=1 and review the diff"
            )
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "ticket-tests.schema")
        logger.logLevel = .warning
        return logger
    }

    /// The tables (columns, defaults, constraints), indexes, functions and triggers of the
    /// public schema, as the catalog prints them, in name order.
    static func snapshot(_ client: PostgresClient) async throws -> String {
        var tables: [String: [String]] = [:]
        var order: [String] = []
        let columns = try await client.query(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity::text, a.attgenerated::text
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'ticket_migrations'
            ORDER BY c.relname, a.attnum
            """,
            logger: self.logger
        )
        for try await (table, column, type, notNull, expression, identity, generated) in columns.decode(
            (String, String, String, Bool, String, String, String).self)
        {
            if tables[table] == nil { order.append(table) }
            var line = "    \(column) \(type)"
            if identity == "a" { line += " GENERATED ALWAYS AS IDENTITY" } else if identity == "d" { line += " GENERATED BY DEFAULT AS IDENTITY" }
            if generated == "s" {
                line += " GENERATED ALWAYS AS (\(expression)) STORED"
            } else if !expression.isEmpty {
                line += " DEFAULT \(expression)"
            }
            if notNull { line += " NOT NULL" }
            tables[table, default: []].append(line)
        }
        let constraints = try await client.query(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND conrelid <> 0 ORDER BY 1, 2
            """,
            logger: self.logger
        )
        for try await (table, name, definition) in constraints.decode((String, String, String).self) where tables[table] != nil {
            tables[table, default: []].append("    CONSTRAINT \(name) \(definition)")
        }
        var parts = order.map { "-- table \($0)\nCREATE TABLE \($0) (\n\(tables[$0, default: []].joined(separator: ",\n"))\n);\n" }
        let definitions = try await client.query(
            """
            SELECT 1, 'index', indexname, indexdef || ';' FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> 'ticket_migrations'
            UNION ALL
            SELECT 2, 'function', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid) || ';'
            FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 3, 'trigger', c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) || ';'
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
            ORDER BY 1, 3
            """,
            logger: self.logger
        )
        for try await (_, kind, name, definition) in definitions.decode((Int32, String, String, String).self) {
            parts.append("-- \(kind) \(name)\n\(definition.trimmingCharacters(in: .whitespacesAndNewlines))\n")
        }
        return SchemaSnapshot.header(store: "PostgreSQL") + parts.joined(separator: "\n")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
