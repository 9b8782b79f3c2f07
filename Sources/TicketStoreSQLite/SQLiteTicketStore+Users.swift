import GRDB
public import TicketCore

extension SQLiteTicketStore {
    public func role(named name: String) async throws -> Role? {
        try await self.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Rows.roleColumns) FROM roles r WHERE r.name = ?", arguments: [name]).map { Rows.role($0) }
        }
    }

    public func createUser(_ draft: NewUser) async throws -> User {
        try await self.write { db in
            guard let roleID = try Int64.fetchOne(db, sql: "SELECT id FROM roles WHERE name = ?", arguments: [draft.roleName]) else {
                throw TicketError.notFound("Role")
            }
            try db.execute(
                literal: """
                    INSERT INTO users (name, email, password_hash, role_id, active, created_at)
                    VALUES (\(draft.name), \(draft.email), \(draft.passwordHash), \(roleID), 1, \(draft.createdAt.millisecondsSince1970))
                    """
            )
            return try Self.fetchUser(id: User.ID(db.lastInsertedRowID), db)!
        }
    }

    public func user(id: User.ID) async throws -> User? {
        try await self.read { db in try Self.fetchUser(id: id, db) }
    }

    public func users(ids: Set<User.ID>) async throws -> [User.ID: User] {
        guard !ids.isEmpty else { return [:] }
        return try await self.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(Rows.userColumns) FROM \(Rows.userJoin) WHERE u.id IN (\(Rows.placeholders(ids.count)))",
                arguments: StatementArguments(ids.map(\.rawValue))
            )
            return Dictionary(uniqueKeysWithValues: rows.map(Rows.user).map { ($0.id, $0) })
        }
    }

    public func credentials(email: String) async throws -> UserCredentials? {
        try await self.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(Rows.userColumns) FROM \(Rows.userJoin) WHERE u.email = ?",
                arguments: [email]
            ).map { UserCredentials(user: Rows.user($0), passwordHash: Rows.passwordHash($0)) }
        }
    }

    public func updateUser(_ user: User, newPasswordHash: String?) async throws -> User {
        try await self.write { db in
            try db.execute(
                literal: """
                    UPDATE users SET name = \(user.name), email = \(user.email), active = \(user.isActive),
                        role_id = (SELECT id FROM roles WHERE name = \(user.role.name)),
                        password_hash = coalesce(\(newPasswordHash), password_hash)
                    WHERE id = \(user.id.rawValue)
                    """
            )
            guard db.changesCount == 1, let stored = try Self.fetchUser(id: user.id, db) else { throw TicketError.notFound("User") }
            return stored
        }
    }

    public func users(page: PageRequest) async throws -> Page<User> {
        try await self.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT \(Rows.userColumns) FROM \(Rows.userJoin) WHERE u.id > ? ORDER BY u.id LIMIT ?",
                arguments: [page.after?.id ?? 0, page.limit + 1]
            )
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0
            return Page(fetched: rows.map(Rows.user), limit: page.limit, totalCount: total) {
                PageCursor(id: $0.id.rawValue)
            }
        }
    }

    static func fetchUser(id: User.ID, _ db: Database) throws -> User? {
        try Row.fetchOne(db, sql: "SELECT \(Rows.userColumns) FROM \(Rows.userJoin) WHERE u.id = ?", arguments: [id.rawValue])
            .map(Rows.user)
    }
}
