import Foundation

/// One process per SQLite file: an exclusive `flock` on `DATABASE.lock`, held until
/// ``release()`` (or until the lock is freed) and released by the kernel when the process ends,
/// however it ends. ticket-server holds it while it runs, and so does every other program that
/// opens the file (`generate`, ticket-triage).
///
/// Why a lock rather than checking every write against the session in SQL: ``SQLiteTicketStore``
/// keeps the signed-in user, verified tokens and the office figures in the process for speed, a
/// newer binary migrates the schema when it opens the file, and SQLite takes one writer at a time
/// anyway, so a second process on the same file adds nothing but stale decisions (a demoted
/// administrator still acting through it). Offices that need several servers use PostgreSQL.
public final class SQLiteFileLock {
    /// Why the lock was not taken.
    public enum Failure: Error, Equatable {
        /// Another process holds it.
        case held
        /// The lock file could not be opened or locked; the sentence says why.
        case unavailable(String)
    }

    private var descriptor: Int32

    /// Takes the lock of the database at `path`.
    /// - Parameter path: The database file (the lock is `path` + `.lock`, created if missing).
    /// - Throws: ``Failure/held`` when another process holds the lock, ``Failure/unavailable(_:)``
    ///   when the lock file cannot be opened or locked.
    public init(database path: String) throws(Failure) {
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unavailable("cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            throw reason == EWOULDBLOCK ? .held : .unavailable("cannot lock \(lockPath): \(String(cString: strerror(reason)))")
        }
        self.descriptor = descriptor
    }

    /// Gives the lock back; later calls do nothing.
    public func release() {
        guard self.descriptor >= 0 else { return }
        close(self.descriptor)
        self.descriptor = -1
    }

    deinit {
        self.release()
    }
}
