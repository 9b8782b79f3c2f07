import Foundation
import TicketCore
import TicketStoreSQLite

/// An open database and the signed-in account a command acts as. Every read and change goes
/// through ``service`` with ``actor``, so the permission policy and the validation apply
/// exactly as they do over HTTP.
struct TriageSession: Sendable {
    /// The use cases over the SQLite store.
    let service: TicketService<SQLiteTicketStore>
    /// The account acting, as the service signed it in.
    let actor: User

    /// Opens the existing database `options.database` (under `SQLiteFileLock`, as ticket-server does), signs in
    /// `options.actingEmail` with `password` through ``TicketService/login(email:password:clientAddress:)``
    /// (counted against the same limits as the web's sign-in form), runs `body`, and closes the
    /// database afterwards, also when `body` throws.
    /// - Parameters:
    ///   - password: The account's password (from ``TriageOptions/passwordVariable``).
    ///   - passwords: How the stored hashes are checked: bcrypt, as ticket-server stores them.
    static func with(
        _ options: TriageOptions,
        password: String?,
        passwords: any PasswordHasher,
        _ body: (TriageSession) async throws -> Void
    ) async throws {
        guard let password, !password.isEmpty else {
            throw TriageFailure("set \(TriageOptions.passwordVariable) to the password of \(options.actingEmail)")
        }
        let path = options.database
        // Opening creates a missing file; the tool works only on a database the server made.
        guard FileManager.default.fileExists(atPath: path) else {
            throw TriageFailure("no database at \(path); give the file ticket-server uses (its --database)")
        }
        let lock: SQLiteFileLock
        do {
            lock = try SQLiteFileLock(database: path)
        } catch .held {
            throw TriageFailure("the database \(path) is in use by ticket-server or another ticket-triage; stop it first")
        } catch .unavailable(let reason) {
            throw TriageFailure(reason)
        }
        defer { lock.release() }
        let store: SQLiteTicketStore
        do {
            store = try SQLiteTicketStore(path: path)
        } catch {
            throw TriageFailure("cannot open the SQLite database at \(path): \(error)")
        }
        do {
            let service = TicketService(store: store, passwords: passwords)
            let actor = try await service.login(email: options.actingEmail, password: password)
            try await body(TriageSession(service: service, actor: actor))
        } catch {
            try? store.close()
            throw error
        }
        try store.close()
    }
}
