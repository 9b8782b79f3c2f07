import Crypto
import Foundation

/// A store's schema as checked in under `docs/schema/`: the SHA-256 of every shipped migration,
/// in order, then the schema the migrations make. The schema tests compare both with the code.
///
/// With `UPDATE_SCHEMA_SNAPSHOTS=1` the file is written first (then review its diff): the
/// schema is rewritten and new migrations get their line, but a recorded line is never
/// changed. A shipped migration must not be edited, since databases that already ran it would
/// not run it again, so an edited one fails whatever the setting.
public enum SchemaSnapshot {
    /// One migration as the snapshot records it.
    public struct Migration: Equatable, Sendable {
        /// The migration's name, such as `v14-ticket-category`.
        public var name: String
        /// The SHA-256 of its SQL, in lower-case hex.
        public var sha256: String

        /// Records a migration.
        /// - Parameters:
        ///   - name: The migration's name.
        ///   - sql: Its SQL, exactly as the store runs it.
        public init(name: String, sql: String) {
            self.name = name
            self.sha256 = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
        }

        init(name: String, sha256: String) {
            self.name = name
            self.sha256 = sha256
        }
    }

    /// What is wrong with the checked-in snapshot `file` (nothing when it matches), after
    /// writing it when `UPDATE_SCHEMA_SNAPSHOTS=1` and no shipped migration changed.
    /// - Parameters:
    ///   - file: The snapshot's name under `docs/schema/`, such as `sqlite.sql`.
    ///   - store: The store's name for the file's first line.
    ///   - migrations: Every migration of the store, in the order it runs them.
    ///   - schema: The schema they make, as the test read it from a new database.
    /// - Returns: One message per problem.
    public static func problems(
        in file: String, store: String, migrations: [Migration], schema: String
    ) throws -> [String] {
        let url = Self.folder.appendingPathComponent(file)
        let (recorded, garbled) = Self.migrations(in: (try? String(contentsOf: url, encoding: .utf8)) ?? "")
        var problems = garbled.map { "docs/schema/\(file) has a garbled migration line (restore it from git): \($0)" }
        for (index, shipped) in recorded.enumerated() {
            guard index < migrations.count else {
                problems.append("the shipped migration \(shipped.name) was removed")
                continue
            }
            if migrations[index].name != shipped.name {
                problems.append(
                    "migration \(index + 1) was \(shipped.name) and is now \(migrations[index].name): shipped migrations are never renamed or reordered"
                )
            } else if migrations[index].sha256 != shipped.sha256 {
                problems.append(
                    "the shipped migration \(shipped.name) was edited: add a new migration instead (if it never reached main, delete its line from docs/schema/\(file) and rerun with UPDATE_SCHEMA_SNAPSHOTS=1)"
                )
            }
        }
        guard problems.isEmpty else { return problems }

        let expected = Self.contents(store: store, migrations: recorded + migrations.dropFirst(recorded.count), schema: schema)
        if ProcessInfo.processInfo.environment["UPDATE_SCHEMA_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(expected.utf8).write(to: url)
        }
        if expected != (try? String(contentsOf: url, encoding: .utf8)) {
            let new = migrations.dropFirst(recorded.count).map(\.name)
            problems.append(
                "docs/schema/\(file) differs from what the migrations make"
                    + (new.isEmpty ? "" : " (new: \(new.joined(separator: ", ")))")
                    + ": rerun with UPDATE_SCHEMA_SNAPSHOTS=1 scripts/test.sh --filter Schema and review the diff"
            )
        }
        return problems
    }

    /// The whole file: what it is, the migrations' lines, then the schema.
    static func contents(store: String, migrations: [Migration], schema: String) -> String {
        """
        -- The \(store) schema that the migrations make, as the database reports it. Written by
        -- the schema tests (UPDATE_SCHEMA_SNAPSHOTS=1 scripts/test.sh --filter Schema); do not edit
        -- it by hand. The schema changes by a new migration, never by editing a shipped one: the
        -- lines below record each shipped migration's SHA-256, and the tests fail when one changes.


        """
            + migrations.map { "\(Self.migrationPrefix)\($0.name) \($0.sha256)\n" }.joined() + "\n" + schema
    }

    /// The migrations' lines of a snapshot, in order: the one block of them after the first
    /// lines (the schema below is not read), and the lines of that block that are not a name
    /// and a checksum.
    static func migrations(in contents: String) -> (migrations: [Migration], garbled: [String]) {
        var migrations: [Migration] = []
        var garbled: [String] = []
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines.drop(while: { !$0.hasPrefix(Self.migrationPrefix) }).prefix(while: { $0.hasPrefix(Self.migrationPrefix) }) {
            let fields = line.dropFirst(Self.migrationPrefix.count).split(separator: " ", omittingEmptySubsequences: false)
            if fields.count == 2, !fields[0].isEmpty, fields[1].count == 64, fields[1].allSatisfy(\.isHexDigit) {
                migrations.append(Migration(name: String(fields[0]), sha256: String(fields[1])))
            } else {
                garbled.append(String(line))
            }
        }
        return (migrations, garbled)
    }

    /// How a migration's line starts.
    static let migrationPrefix = "-- migration "

    /// `docs/schema` of this checkout.
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schema")
    }
}
