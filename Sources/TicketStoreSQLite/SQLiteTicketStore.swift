import Foundation
public import GRDB
public import TicketCore

/// The embedded default ``TicketStore``: one SQLite file through GRDB, in WAL mode, with
/// foreign keys on and the schema migrated on open.
public struct SQLiteTicketStore: TicketStore {
    let writer: any DatabaseWriter
    /// Users and sessions as last read, dropped at every committed change to users, roles or sessions.
    let userCache = SQLiteUserCache()

    /// Opens (creating if needed) the database file at `path` as a WAL-mode `DatabasePool`.
    ///
    /// Every acknowledged write is durable: `synchronous=FULL` syncs the WAL at each commit
    /// (WAL's default, NORMAL, can lose the last commits on a power cut). A new file is
    /// created readable by the server's user only (mode 0600; SQLite gives its WAL and
    /// shared-memory files the same mode), since it holds password hashes and the token secret.
    public init(path: String) throws {
        if path != ":memory:", !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        // Reads run on the cooperative threads, one per core (see `read`).
        configuration.maximumReaderCount = max(5, ProcessInfo.processInfo.activeProcessorCount)
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets NORMAL when it opens the pool's one writer connection; that connection
        // lives as long as the pool.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try self.init(pool)
    }

    /// Uses an existing connection (tests pass an in-memory `DatabaseQueue()`), migrating it first.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
        try writer.writeWithoutTransaction(Self.refreshStatisticsIfStale)
        writer.add(transactionObserver: self.userCache, extent: .databaseLifetime)
    }

    /// Runs `ANALYZE` when the planner's statistics are missing or the number of tickets has
    /// changed more than twofold since they were gathered, so filtered and sorted lists keep
    /// picking the right index as the database grows. (About a second per million tickets,
    /// and only then.)
    static func refreshStatisticsIfStale(_ db: Database) throws {
        let tickets = try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM ticket_counts") ?? 0
        var analyzed: Int?
        if try db.tableExists("sqlite_stat1") {
            // Each index's statistics start with its number of rows; a partial index (such as
            // the active tickets') holds fewer, so the largest is the table's.
            analyzed = try Int.fetchOne(db, sql: "SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = 'tickets'")
        }
        let stale = analyzed.map { tickets > 2 * $0 || 2 * tickets < $0 } ?? (tickets > 0)
        if stale {
            try db.execute(sql: "ANALYZE")
        }
    }

    public func storedSetting(_ key: String) async throws -> String? {
        try await self.write { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    /// Removes the row with `secure_delete` on, then checkpoints the WAL into the database
    /// file and empties it, so the value is overwritten on disk rather than left in a free
    /// page or an old WAL frame. (Called at start-up, before any reader.)
    public func removeSetting(_ key: String) async throws {
        try await self.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
            try db.checkpoint(.truncate)
        }
    }

    /// Closes the database (checkpointing the WAL); the store must not be used afterwards.
    public func close() throws {
        try self.writer.close()
    }

    public func ping() async throws {
        _ = try await self.readStatement { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Runs a read in a consistent snapshot, translating database errors.
    ///
    /// The read runs on the calling thread, through GRDB's blocking `read`: a reader connection
    /// of the pool is taken and its serial queue runs the block in place. That saves the two
    /// thread switches of GRDB's asynchronous `read`, which cost more than a lookup by key
    /// (Benchmarks/RESULTS.md). Every read runs this way: a cooperative thread blocked waiting
    /// for a reader while asynchronous reads held them all, each waiting for a cooperative
    /// thread to finish, stopped the server. A long read (a search) holds its thread as long
    /// as any computation would. In WAL mode a read waits for no writer; only a rare recovery
    /// of the WAL makes it wait, up to the busy timeout. Writes stay asynchronous: a commit
    /// waits for the disk.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try Self.translatingErrors { try self.writer.read(body) }
    }

    /// Runs a read of a single statement, which SQLite keeps consistent by itself, in place
    /// like ``read(_:)`` but without a transaction: the statements that open and close one cost
    /// more than a lookup by key.
    func readStatement<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try Self.translatingErrors { try self.writer.unsafeRead(body) }
    }

    /// Runs GRDB's blocking work (in a synchronous closure, so that its blocking overloads are
    /// chosen), translating database errors.
    private static func translatingErrors<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    /// Runs a write in one transaction, translating database errors.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await self.writer.write(body)
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    /// The unique constraints a client can run into, by the `table.column` SQLite names in its
    /// message, with what the client is told. Any other unique violation is a bug, left to the
    /// server log as a 500.
    static let uniqueConstraintConflicts: [String: String] = ["users.email": "Email already in use"]

    /// Constraint failures a client can cause become ``TicketError``s; anything else is
    /// rethrown for the server log.
    static func translate(_ error: DatabaseError) -> any Error {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE:
            // SQLite's message: "UNIQUE constraint failed: users.email".
            let columns = error.message?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let message = Self.uniqueConstraintConflicts[columns] else { return error }
            return TicketError.conflict(message)
        case .SQLITE_CONSTRAINT_FOREIGNKEY: return TicketError.notFound("Referenced object")
        default: return error
        }
    }
}
