import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    public func role(named name: String) async throws -> Role? {
        try await self.run {
            let rows = try await self.client.query(
                "SELECT \(unescaped: PostgresRows.roleColumns) FROM roles r WHERE r.name = \(name)", logger: self.logger
            )
            for try await row in rows.decode(PostgresRows.RoleRow.self) { return PostgresRows.role(row) }
            return nil
        }
    }

    public func createUser(_ draft: NewUser) async throws -> User {
        try await self.run {
            let rows = try await self.client.query(
                """
                INSERT INTO users (name, email, password_hash, role_id, active, created_at)
                SELECT \(draft.name), \(draft.email), \(draft.passwordHash), r.id, true, \(draft.createdAt) FROM roles r
                WHERE r.name = \(draft.roleName)
                RETURNING id
                """,
                logger: self.logger
            )
            for try await id in rows.decode(Int64.self) {
                guard let user = try await self.user(id: User.ID(id)) else { break }
                return user
            }
            throw TicketError.notFound("Role")
        }
    }

    public func user(id: User.ID) async throws -> User? {
        try await self.credentials(where: "u.id = $1", id.rawValue)?.user
    }

    public func users(ids: Set<User.ID>) async throws -> [User.ID: User] {
        guard !ids.isEmpty else { return [:] }
        return try await self.run {
            let rows = try await self.client.query(
                "SELECT \(unescaped: PostgresRows.userColumns) FROM \(unescaped: PostgresRows.userJoin) WHERE u.id = ANY(\(ids.map(\.rawValue)))",
                logger: self.logger
            )
            var users: [User.ID: User] = [:]
            for try await row in rows.decode(PostgresRows.UserRow.self) {
                let user = PostgresRows.credentials(row).user
                users[user.id] = user
            }
            return users
        }
    }

    public func credentials(email: String) async throws -> UserCredentials? {
        try await self.credentials(where: "lower(u.email) = lower($1)", email)
    }

    public func updateUser(_ user: User, newPasswordHash: String?) async throws -> User {
        try await self.run {
            let rows = try await self.client.query(
                """
                UPDATE users SET name = \(user.name), email = \(user.email), active = \(user.isActive),
                    role_id = (SELECT id FROM roles WHERE name = \(user.role.name)),
                    password_hash = coalesce(\(newPasswordHash), password_hash)
                WHERE id = \(user.id.rawValue)
                RETURNING id
                """,
                logger: self.logger
            )
            for try await _ in rows.decode(Int64.self) {
                if let stored = try await self.user(id: user.id) { return stored }
            }
            throw TicketError.notFound("User")
        }
    }

    public func users(page: PageRequest) async throws -> Page<User> {
        try await self.run {
            let rows = try await self.client.query(
                """
                SELECT \(unescaped: PostgresRows.userColumns) FROM \(unescaped: PostgresRows.userJoin)
                WHERE u.id > \(page.after?.id ?? 0) ORDER BY u.id LIMIT \(page.limit + 1)
                """,
                logger: self.logger
            )
            var users: [User] = []
            for try await row in rows.decode(PostgresRows.UserRow.self) { users.append(PostgresRows.credentials(row).user) }
            let total = try await self.count("SELECT count(*) FROM users")
            return Page(fetched: users, limit: page.limit, totalCount: total) { PageCursor(id: $0.id.rawValue) }
        }
    }

    private func credentials(where condition: String, _ value: some PostgresDynamicTypeEncodable) async throws -> UserCredentials? {
        try await self.run {
            let sql = PostgresSQL()
            _ = sql.bind(value)
            let text = "SELECT \(PostgresRows.userColumns) FROM \(PostgresRows.userJoin) WHERE \(condition)"
            let rows = try await self.client.query(sql.query(text), logger: self.logger)
            for try await row in rows.decode(PostgresRows.UserRow.self) { return PostgresRows.credentials(row) }
            return nil
        }
    }

    /// The single integer a `count(*)` query returns.
    func count(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await self.client.query(query, logger: self.logger).decode(Int64.self) { return Int(value) }
        return 0
    }
}
