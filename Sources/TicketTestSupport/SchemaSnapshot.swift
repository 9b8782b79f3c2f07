import Foundation

/// A store's schema as checked in under `docs/schema/`, for the tests that compare it with
/// what the migrations make. With `UPDATE_SCHEMA_SNAPSHOTS=1` the snapshot is written first
/// (then review its diff).
public enum SchemaSnapshot {
    /// The first lines of every snapshot.
    public static func header(store: String) -> String {
        """
        -- The \(store) schema that the migrations make, as the database reports it. Written by
        -- the schema tests (UPDATE_SCHEMA_SNAPSHOTS=1 scripts/test.sh --filter Schema); do not edit
        -- it by hand. The schema changes by a new migration, never by editing a shipped one.


        """
    }

    /// The checked-in snapshot `name` (empty when missing), after writing `current` to it when
    /// `UPDATE_SCHEMA_SNAPSHOTS=1`.
    public static func recorded(_ name: String, updatingWith current: String) throws -> String {
        let file = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_SCHEMA_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(current.utf8).write(to: file)
        }
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// `docs/schema` of this checkout.
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/schema")
    }
}
