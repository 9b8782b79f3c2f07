import Foundation

/// Where the data lives, parsed from `--database` / `DATABASE_URL`.
enum DatabaseLocation: Equatable {
    /// An SQLite file.
    case sqlite(path: String)

    /// Parses a plain path or a `sqlite://` URL (`sqlite:///abs/path`, `sqlite://relative/path`).
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
                throw StartupError(message: "PostgreSQL is not supported by this build yet; use a SQLite file")
            default:
                throw StartupError(message: "unsupported database URL scheme '\(scheme)'; use a SQLite path or sqlite:// URL")
            }
        } else {
            self = .sqlite(path: trimmed)
        }
    }
}
