import Foundation

/// One server (or `generate` run) per SQLite file: an exclusive `flock` on `DATABASE.lock`,
/// held while the database is open and released by the kernel when the process ends, however
/// it ends.
///
/// Why a lock rather than checking every write against the session in SQL: the SQLite store
/// keeps the signed-in user, verified tokens and the office figures in the process for speed,
/// and SQLite takes one writer at a time anyway, so a second server on the same file adds
/// nothing but stale decisions (a demoted administrator still acting through it). Offices that
/// need several servers use PostgreSQL.
final class SQLiteFileLock {
    private let descriptor: Int32

    /// Takes the lock of the database at `path`; a one-line startup error when another process
    /// holds it.
    init(database path: String) throws(StartupError) {
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StartupError(message: "cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK {
                throw StartupError(
                    message:
                        "another ticket-server is using the SQLite database \(path); stop it first (several servers can share a PostgreSQL database)"
                )
            }
            throw StartupError(message: "cannot lock \(lockPath): \(String(cString: strerror(reason)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(self.descriptor)
    }
}
