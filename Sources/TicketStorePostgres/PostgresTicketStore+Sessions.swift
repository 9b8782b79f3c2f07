import Foundation
import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    /// The owner's row is locked (`FOR SHARE`) while the session is recorded: a concurrent
    /// "log out everywhere" or password change waits for this transaction and then removes the
    /// new session with the others, or commits first and this one finds its generation moved on.
    /// (Checked in the `INSERT` alone, a sign-in could read the old generation, and its row,
    /// not yet committed, escape the other's removal.) The owner's expired sessions and their
    /// oldest beyond ``Session/maximumPerUser`` go in the same transaction; everyone else's
    /// expired ones after it.
    public func startSession(_ draft: NewSession) async throws -> Session {
        let owner = draft.owner.userID.rawValue
        let generation = Int32(clamping: draft.owner.sessionGeneration)
        let logger = self.logger
        let inserted: Int64? = try await self.transaction { connection in
            let valid = try await connection.query(
                "SELECT 1 FROM users WHERE id = \(owner) AND active AND session_generation = \(generation) FOR SHARE", logger: logger
            )
            var owned = false
            for try await _ in valid.decode(Int32.self) { owned = true }
            guard owned else { return nil }
            try await connection.query("DELETE FROM sessions WHERE user_id = \(owner) AND expires_at <= \(draft.createdAt)", logger: logger)
            var id: Int64?
            let rows = try await connection.query(
                """
                INSERT INTO sessions (user_id, created_at, expires_at, user_agent)
                VALUES (\(owner), \(draft.createdAt), \(draft.expiresAt), \(draft.userAgent)) RETURNING id
                """,
                logger: logger
            )
            for try await value in rows.decode(Int64.self) { id = value }
            try await connection.query(
                """
                DELETE FROM sessions WHERE user_id = \(owner) AND id <= (
                    SELECT id FROM sessions WHERE user_id = \(owner) ORDER BY id DESC LIMIT 1 OFFSET \(Session.maximumPerUser))
                """,
                logger: logger
            )
            return id
        }
        guard let inserted else { throw TicketError.sessionChanged }
        // Everyone else's expired sessions, apart from the locked transaction (whose locks, taken
        // in expiry order, could deadlock with a "log out everywhere" removing in user order),
        // skipping rows another transaction holds; a few hundred at a time.
        _ = try await self.run {
            try await self.client.query(
                """
                DELETE FROM sessions WHERE id IN (
                    SELECT id FROM sessions WHERE expires_at <= \(draft.createdAt) LIMIT 500 FOR UPDATE SKIP LOCKED)
                """,
                logger: logger
            )
        }
        return Session(
            id: Session.ID(inserted), userID: draft.owner.userID, createdAt: draft.createdAt, expiresAt: draft.expiresAt,
            userAgent: draft.userAgent
        )
    }

    public func user(id: User.ID, inSession session: Session.ID) async throws -> User? {
        try await self.prepared(UserInSession(userID: id.rawValue, sessionID: session.rawValue)).first
    }

    public func endSession(_ session: Session.ID, of userID: User.ID) async throws -> Bool {
        try await self.run {
            let rows = try await self.client.query(
                "DELETE FROM sessions WHERE id = \(session.rawValue) AND user_id = \(userID.rawValue) RETURNING id", logger: self.logger
            )
            var ended = false
            for try await _ in rows.decode(Int64.self) { ended = true }
            return ended
        }
    }
}

/// A user (with their role) while one session of theirs lasts: the check of nearly every request.
struct UserInSession: PostgresPreparedStatement {
    static let sql = """
        SELECT \(UserColumns.selection) FROM \(UserColumns.join)
        JOIN sessions s ON s.user_id = u.id WHERE u.id = $1 AND s.id = $2
        """
    typealias Row = User

    var userID: Int64
    var sessionID: Int64

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(self.userID)
        bindings.append(self.sessionID)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try UserColumns.user(PostgresResultRow(row)) }
}
