import Foundation
import TicketStorePostgres

/// Where the data lives, parsed from `--database` / `DATABASE_URL`.
enum DatabaseLocation: Equatable {
    /// An SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database, by `postgres://` URL.
    case postgres(url: String)

    /// Parses a plain path, a `sqlite://` URL (`sqlite:///abs/path`, `sqlite://relative/path`) or a
    /// `postgres://user:password@host:port/database` URL.
    init(parsing text: String) throws(StartupError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw StartupError(message: "the database location is empty") }
        if let scheme = trimmed.range(of: "://").map({ trimmed[..<$0.lowerBound].lowercased() }) {
            switch scheme {
            case "sqlite", "sqlite3", "file":
                let path = String(trimmed[trimmed.range(of: "://")!.upperBound...])
                guard !path.isEmpty else { throw StartupError(message: "the sqlite:// URL names no file") }
                self = .sqlite(path: path)
            case "postgres", "postgresql":
                do {
                    _ = try PostgresTicketStore.configuration(url: trimmed)
                } catch {
                    throw StartupError(message: error.description)
                }
                self = .postgres(url: trimmed)
            default:
                throw StartupError(message: "unsupported database URL scheme '\(scheme)'; use a SQLite path, a sqlite:// URL or a postgres:// URL")
            }
        } else {
            self = .sqlite(path: trimmed)
        }
    }
}
