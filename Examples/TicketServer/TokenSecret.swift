import Foundation
import Logging
import TicketCore

/// Where the secret that signs access tokens comes from. It never lives in the database: anyone
/// who read a database file or a backup could otherwise forge an administrator's token.
///
/// In order: the secret itself (`TICKETS_JWT_SECRET`); the secret file (`--jwt-secret-file`,
/// or on SQLite by default the file beside the database, ``fileBeside(database:)``). A secret
/// file that does not exist yet is made (mode 0600) with a random secret, or with the secret an
/// earlier version kept in the database's `settings` table, which is then removed from the
/// database, and the log says so. PostgreSQL without either refuses to start: several servers
/// on one database must share one secret.
enum TokenSecret {
    /// The key under which earlier versions kept the secret in the database.
    static let legacySettingKey = "jwt_secret"

    /// The default secret file of an SQLite database.
    static func fileBeside(database path: String) -> String { path + ".jwt-secret" }

    /// The secret to sign tokens with; see the type's documentation for the order.
    static func resolve(
        given: String?, file: String?, database: DatabaseLocation, store: some TicketStore, logger: Logger
    ) async throws -> String {
        let legacy = try await store.storedSetting(Self.legacySettingKey)
        let secret: String
        let path: String? =
            switch database {
            case .sqlite(let database): file ?? Self.fileBeside(database: database)
            case .postgres: file
            }
        if let given {
            secret = given
        } else if let path, let existing = try Self.read(path) {
            secret = existing
        } else if let path {
            secret = legacy ?? TicketServer.randomToken(bytes: 32)
            try Self.write(secret, to: path)
            if legacy != nil {
                logger.notice("Moved the token secret out of the database into \(path) (readable by this user only)")
            } else {
                logger.notice("Made a new token secret in \(path) (readable by this user only)")
            }
        } else {
            throw StartupError(
                message: legacy == nil
                    ? "PostgreSQL needs a token secret that every server shares: set TICKETS_JWT_SECRET or --jwt-secret-file FILE"
                    : "the database holds the token secret of an earlier version: start once with --jwt-secret-file FILE, naming a file that does not exist yet, to move it there"
            )
        }
        if legacy != nil {
            try await store.removeSetting(Self.legacySettingKey)
            if legacy != secret { logger.notice("Removed an older token secret from the database; tokens it signed no longer work") }
        }
        return secret
    }

    /// Reads a secret file: its text without a final line break. `nil` when there is no file.
    static func read(_ path: String) throws(StartupError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw StartupError(message: "cannot read the secret file \(path)")
        }
        var secret = Substring(text)
        while let last = secret.last, last == "\n" || last == "\r" { secret.removeLast() }
        return String(secret)
    }

    /// Creates `path` with mode 0600 holding `secret`; refuses to replace an existing file.
    private static func write(_ secret: String, to path: String) throws(StartupError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StartupError(message: "cannot create the secret file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array((secret + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw StartupError(message: "cannot write the secret file \(path): \(String(cString: strerror(errno)))")
        }
    }
}
