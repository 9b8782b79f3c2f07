public import Foundation
import GRDB
public import TicketCore

extension SQLiteTicketStore {
    public func role(named name: String) async throws -> Role? {
        try await self.readStatement { db in
            try RoleRecord.fetchOne(db.cachedStatement(sql: "SELECT \(RoleRecord.selection) FROM roles r WHERE r.name = ?"), arguments: [name])?.role
        }
    }

    public func createUser(_ draft: NewUser) async throws -> User {
        try await self.write { db in
            guard let roleID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM roles WHERE name = ?"), arguments: [draft.roleName]) else {
                throw TicketError.notFound("Role")
            }
            try db.cachedStatement(
                literal: """
                    INSERT INTO users (name, email, password_hash, role_id, active, created_at)
                    SELECT \(draft.name), \(draft.email), \(draft.passwordHash), \(roleID), 1, \(draft.createdAt.millisecondsSince1970)
                    WHERE \(Self.isValid(draft.actingSession))
                    """
            ).execute()
            guard db.changesCount == 1, let user = try Self.fetchUser(id: User.ID(db.lastInsertedRowID), db) else {
                throw TicketError.sessionChanged
            }
            return user
        }
    }

    /// The user from ``SQLiteUserCache`` when kept, else read (and kept).
    public func user(id: User.ID) async throws -> User? {
        try await self.userCache.user(id: id) {
            try await self.readStatement { db in try Self.fetchUser(id: id, db) }
        }
    }

    /// The users kept in ``SQLiteUserCache``, the others read (and kept).
    public func users(ids: Set<User.ID>) async throws -> [User.ID: User] {
        guard !ids.isEmpty else { return [:] }
        return try await self.userCache.users(ids: ids) { missing in
            try await self.readStatement { db in try Self.fetchUsers(ids: missing, db) }
        }
    }

    static func fetchUsers(ids: Set<User.ID>, _ db: Database) throws -> [User.ID: User] {
        guard !ids.isEmpty else { return [:] }
        let records = try UserRecord.fetchAll(
            db.cachedStatement(
                sql: "SELECT \(UserRecord.selection) FROM \(SQLiteLists.idList) JOIN \(UserRecord.join) WHERE u.id = wanted.value"),
            arguments: [SQLiteLists.idList(ids.map(\.rawValue))]
        )
        return Dictionary(uniqueKeysWithValues: records.map { ($0.user.id, $0.user) })
    }

    public func credentials(email: String) async throws -> UserCredentials? {
        try await self.readStatement { db in
            try UserRecord.fetchOne(
                db.cachedStatement(sql: "SELECT \(UserRecord.selection) FROM \(UserRecord.join) WHERE u.email = ?"),
                arguments: [email]
            ).map { UserCredentials(user: $0.user, passwordHash: $0.passwordHash) }
        }
    }

    public func updateUser(_ id: User.ID, changes: UserChanges) async throws -> User? {
        try await self.write { db in
            var assignments: [SQL] = []
            if let name = changes.name { assignments.append("name = \(name)") }
            if let email = changes.email { assignments.append("email = \(email)") }
            if let roleName = changes.roleName {
                guard let roleID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM roles WHERE name = ?"), arguments: [roleName]) else {
                    throw TicketError.notFound("Role")
                }
                assignments.append("role_id = \(roleID)")
            }
            if let active = changes.isActive { assignments.append("active = \(active)") }
            if let hash = changes.passwordHash { assignments.append("password_hash = \(hash)") }
            if changes.endsSessions { assignments.append("session_generation = session_generation + 1") }
            if assignments.isEmpty {
                let valid = try SQLRequest<Bool>(literal: "SELECT \(Self.isValid(changes.actingSession))").fetchOne(db) ?? false
                return valid ? try Self.fetchUser(id: id, db) : nil
            }
            let unchangedHash: SQL = changes.expectedPasswordHash.map { "AND password_hash = \($0)" } ?? ""
            try db.cachedStatement(
                literal: """
                    UPDATE users SET \(assignments.joined(separator: ", "))
                    WHERE id = \(id.rawValue) AND \(Self.isValid(changes.actingSession)) \(unchangedHash)
                    """
            ).execute()
            guard db.changesCount == 1 else { return nil }
            if changes.endsSessions {
                try db.cachedStatement(literal: "DELETE FROM sessions WHERE user_id = \(id.rawValue)").execute()
            }
            return try Self.fetchUser(id: id, db)
        }
    }

    public func reserveLoginAttempt(key: String, limit: Int, window: TimeInterval, now: Date) async throws -> LoginAttemptReservation {
        let nowMS = now.millisecondsSince1970
        let cutoff = nowMS - Int64((window * 1000).rounded())
        return try await self.write { db in
            try db.cachedStatement(literal: "DELETE FROM login_attempts WHERE last_attempt <= \(cutoff)").execute()
            let granted = try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        INSERT INTO login_attempts (key, attempts, last_attempt) VALUES (?, 1, ?)
                        ON CONFLICT (key) DO UPDATE SET attempts = attempts + 1, last_attempt = max(last_attempt, excluded.last_attempt)
                        WHERE attempts < ?
                        RETURNING attempts
                        """),
                arguments: [key, nowMS, limit]
            )
            if granted != nil { return .granted }
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT last_attempt FROM login_attempts WHERE key = ?"), arguments: [key]) ?? nowMS
            return .refused(retryAt: Date(millisecondsSince1970: last).addingTimeInterval(window))
        }
    }

    public func releaseLoginAttempt(key: String) async throws {
        try await self.write { db in
            try db.cachedStatement(literal: "UPDATE login_attempts SET attempts = attempts - 1 WHERE key = \(key) AND attempts > 0").execute()
        }
    }

    public func users(page: PageRequest) async throws -> Page<User> {
        try await self.read { db in
            let rows = try UserRecord.fetchAll(
                db.cachedStatement(sql: "SELECT \(UserRecord.selection) FROM \(UserRecord.join) WHERE u.id > ? ORDER BY u.id LIMIT ?"),
                arguments: [page.after?.id ?? 0, page.limit + 1]
            )
            let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM users")) ?? 0
            return Page(fetched: rows.map(\.user), limit: page.limit, totalCount: total) {
                PageCursor(id: $0.id.rawValue)
            }
        }
    }

    /// The condition that `session` is still valid, for the `WHERE` of the write it guards
    /// (true without a session).
    static func isValid(_ session: ActingSession?) -> SQL {
        guard let session else { return "1" }
        let manages: SQL = session.managesUsers ? "AND r.can_manage_users" : ""
        return """
            EXISTS (SELECT 1 FROM users a JOIN roles r ON r.id = a.role_id
                    WHERE a.id = \(session.userID.rawValue) AND a.active AND a.session_generation = \(session.sessionGeneration) \(manages))
            """
    }

    static func fetchUser(id: User.ID, _ db: Database) throws -> User? {
        try UserRecord.fetchOne(
            db.cachedStatement(sql: "SELECT \(UserRecord.selection) FROM \(UserRecord.join) WHERE u.id = ?"), arguments: [id.rawValue]
        )?
        .user
    }
}
