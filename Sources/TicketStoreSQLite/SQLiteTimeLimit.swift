import GRDB
import GRDBSQLite
import TicketCore

/// A bound on how long one read may keep a connection: SQLite's progress handler interrupts the
/// statement once the time is up, and the caller gets a 503 instead of a search that holds a
/// reader (and a thread) for as long as it likes.
enum SQLiteTimeLimit {
    /// When the running statement must stop.
    private final class Deadline {
        let instant: ContinuousClock.Instant
        init(_ instant: ContinuousClock.Instant) { self.instant = instant }
    }

    /// Runs `body` on `db`, interrupted after `limit` (checked every few thousand SQLite
    /// instructions); an interrupted read is ``TicketError/busy(_:retryAfterSeconds:)``.
    static func run<T>(_ limit: Duration, on db: Database, _ body: () throws -> T) throws -> T {
        let deadline = Unmanaged.passRetained(Deadline(.now + limit))
        sqlite3_progress_handler(
            db.sqliteConnection, 4_000,
            { context in
                guard let context else { return 0 }
                return ContinuousClock.now > Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue().instant ? 1 : 0
            }, deadline.toOpaque())
        defer {
            sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil)
            deadline.release()
        }
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw TicketError.busy("The search took too long; try fewer or more specific words")
        }
    }
}
