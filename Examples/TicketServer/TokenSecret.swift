import Foundation
import Logging
import TicketCore

/// Where the secret that signs access tokens comes from. It never lives in the database: anyone
/// who read a database file or a backup could otherwise forge an administrator's token.
///
/// In order: the secret itself (`TICKETS_JWT_SECRET`); the secret file (`--jwt-secret-file`,
/// or on SQLite by default the file beside the database, ``fileBeside(database:)``). A secret
/// file must be a regular file of the server's user that nobody else may read, holding at least
/// 32 bytes; one that does not exist yet is made (mode 0600) with a random secret. PostgreSQL
/// without either refuses to start: several servers on one database must share one secret.
///
/// A secret that an earlier version kept in the database's `settings` table is not reused (old
/// database files and backups hold it): it is removed, the log says so, and tokens it signed
/// stop working (everyone signs in again, once).
enum TokenSecret {
    /// The key under which earlier versions kept the secret in the database.
    static let legacySettingKey = "jwt_secret"

    /// The default secret file of an SQLite database.
    static func fileBeside(database path: String) -> String { path + ".jwt-secret" }

    /// The secret to sign tokens with; see the type's documentation for the order.
    static func resolve(
        given: String?, file: String?, database: DatabaseLocation, store: some TicketStore, logger: Logger
    ) async throws -> String {
        let path: String? =
            switch database {
            case .sqlite(let database): file ?? Self.fileBeside(database: database)
            case .postgres: file
            }
        let secret: String
        if let given {
            secret = given
        } else if let path, let existing = try Self.read(path) {
            secret = existing
        } else if let path {
            secret = TicketServer.randomToken(bytes: 32)
            try Self.write(secret, to: path)
            logger.notice("Made a new token secret in \(path) (readable by this user only)")
        } else {
            throw StartupError(
                message: "PostgreSQL needs a token secret that every server shares: set TICKETS_JWT_SECRET or --jwt-secret-file FILE"
            )
        }
        if try await store.storedSetting(Self.legacySettingKey) != nil {
            try await store.removeSetting(Self.legacySettingKey)
            logger.notice(
                "Removed the token secret that an earlier version kept in the database (old backups hold it); tokens it signed no longer work"
            )
        }
        return secret
    }

    /// Reads a secret file: its text without a final line break; `nil` when there is no file.
    /// A symbolic link, another user's file, a file others may read or a secret under 32 bytes
    /// is a startup error: someone else could have chosen or read it.
    static func read(_ path: String) throws(StartupError) -> String? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw StartupError(message: "cannot open the secret file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // The link itself was refused by O_NOFOLLOW; these are the file's own attributes.
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw StartupError(message: "the secret file \(path) is not a regular file")
        }
        let owner = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard owner == geteuid(), mode & 0o077 == 0 else {
            throw StartupError(message: "the secret file \(path) must belong to this user and be readable by it alone (chmod 600)")
        }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0, let text = String(validating: bytes[0..<count], as: UTF8.self) else {
            throw StartupError(message: "cannot read the secret file \(path)")
        }
        var secret = Substring(text)
        while let last = secret.last, last == "\n" || last == "\r" { secret.removeLast() }
        guard secret.utf8.count >= 32 else { throw StartupError(message: "the secret in \(path) is shorter than 32 bytes") }
        return String(secret)
    }

    /// Creates `path` with mode 0600 holding `secret`; refuses to replace an existing file (or
    /// follow a link), and removes what it made when writing fails.
    private static func write(_ secret: String, to path: String) throws(StartupError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StartupError(message: "cannot create the secret file \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array((secret + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else {
            unlink(path)
            throw StartupError(message: "cannot write the secret file \(path)")
        }
    }
}
