import Foundation
import GRDB
public import TicketCore

extension SQLiteTicketStore {
    public func startSession(_ draft: NewSession) async throws -> Session {
        try await self.write { db in
            let now = draft.createdAt.millisecondsSince1970
            let owner = draft.owner.userID.rawValue
            try db.cachedStatement(literal: "DELETE FROM sessions WHERE expires_at <= \(now)").execute()
            try db.cachedStatement(
                literal: """
                    INSERT INTO sessions (user_id, created_at, expires_at, user_agent)
                    SELECT \(owner), \(now), \(draft.expiresAt.millisecondsSince1970), \(draft.userAgent)
                    WHERE \(Self.isValid(draft.owner))
                    """
            ).execute()
            guard db.changesCount == 1 else { throw TicketError.sessionChanged }
            let id = Session.ID(db.lastInsertedRowID)
            try db.cachedStatement(
                literal: """
                    DELETE FROM sessions WHERE user_id = \(owner) AND id <= (
                        SELECT id FROM sessions WHERE user_id = \(owner) ORDER BY id DESC LIMIT 1 OFFSET \(Session.maximumPerUser))
                    """
            ).execute()
            return Session(id: id, userID: draft.owner.userID, createdAt: draft.createdAt, expiresAt: draft.expiresAt, userAgent: draft.userAgent)
        }
    }

    /// The user from ``SQLiteUserCache`` when kept with this session, else read (and kept).
    public func user(id: User.ID, inSession session: Session.ID) async throws -> User? {
        try await self.userCache.user(id: id, inSession: session) {
            try await self.readStatement { db in
                try UserRecord.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT \(UserRecord.selection) FROM \(UserRecord.join)
                            JOIN sessions s ON s.user_id = u.id WHERE u.id = ? AND s.id = ?
                            """),
                    arguments: [id.rawValue, session.rawValue]
                )
                .map(\.user)
            }
        }
    }

    public func endSession(_ session: Session.ID, of userID: User.ID) async throws -> Bool {
        try await self.write { db in
            try db.cachedStatement(literal: "DELETE FROM sessions WHERE id = \(session.rawValue) AND user_id = \(userID.rawValue)").execute()
            return db.changesCount == 1
        }
    }
}
