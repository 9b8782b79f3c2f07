public import Foundation
import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    public func role(named name: String) async throws -> Role? {
        try await self.run {
            let rows = try await self.client.query(
                "SELECT \(unescaped: RoleColumns.selection(of: "r")) FROM roles r WHERE r.name = \(name)", logger: self.logger
            )
            return try await rows.collect { try RoleColumns.role($0) }.first
        }
    }

    public func createUser(_ draft: NewUser) async throws -> User {
        try await self.run {
            guard let role = try await self.roleID(named: draft.roleName) else { throw TicketError.notFound("Role") }
            let sql = PostgresSQL()
            let text = """
                INSERT INTO users (name, email, password_hash, role_id, active, created_at)
                SELECT \(sql.bind(draft.name)), \(sql.bind(draft.email)), \(sql.bind(draft.passwordHash)), \(sql.bind(role)), true,
                       \(sql.bind(draft.createdAt))
                WHERE \(Self.isValid(draft.actingSession, sql))
                RETURNING id
                """
            let query = sql.query(text)
            let inserted: Int64? = try await self.managingUsers(draft.actingSession) { connection in
                for try await id in try await connection.query(query, logger: self.logger).decode(Int64.self) { return id }
                return nil
            }
            guard let inserted, let user = try await self.user(id: User.ID(inserted)) else { throw TicketError.sessionChanged }
            return user
        }
    }

    public func user(id: User.ID) async throws -> User? {
        try await self.prepared(UsersByID(ids: [id.rawValue])).first
    }

    public func users(ids: Set<User.ID>) async throws -> [User.ID: User] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await self.prepared(UsersByID(ids: ids.map(\.rawValue))).map { ($0.id, $0) })
    }

    public func credentials(email: String) async throws -> UserCredentials? {
        try await self.credentials(where: "lower(u.email) = lower($1)", email)
    }

    public func updateUser(_ id: User.ID, changes: UserChanges) async throws -> User? {
        try await self.run {
            let sql = PostgresSQL()
            var assignments: [String] = []
            if let name = changes.name { assignments.append("name = \(sql.bind(name))") }
            if let email = changes.email { assignments.append("email = \(sql.bind(email))") }
            if let roleName = changes.roleName {
                guard let role = try await self.roleID(named: roleName) else { throw TicketError.notFound("Role") }
                assignments.append("role_id = \(sql.bind(role))")
            }
            if let active = changes.isActive { assignments.append("active = \(sql.bind(active))") }
            if let hash = changes.passwordHash { assignments.append("password_hash = \(sql.bind(hash))") }
            if changes.endsSessions { assignments.append("session_generation = session_generation + 1") }
            guard !assignments.isEmpty else {
                let valid = try await self.count(sql.query("SELECT count(*) WHERE \(Self.isValid(changes.actingSession, sql))")) == 1
                return valid ? try await self.user(id: id) : nil
            }
            let unchangedHash = changes.expectedPasswordHash.map { "AND password_hash = \(sql.bind($0))" } ?? ""
            let text = """
                UPDATE users SET \(assignments.joined(separator: ", "))
                WHERE id = \(sql.bind(id.rawValue)) AND \(Self.isValid(changes.actingSession, sql)) \(unchangedHash) RETURNING id
                """
            let query = sql.query(text)
            let updated = try await self.managingUsers(changes.actingSession) { connection in
                var updated = false
                for try await _ in try await connection.query(query, logger: self.logger).decode(Int64.self) { updated = true }
                if updated, changes.endsSessions {
                    try await connection.query("DELETE FROM sessions WHERE user_id = \(id.rawValue)", logger: self.logger)
                }
                return updated
            }
            return updated ? try await self.user(id: id) : nil
        }
    }

    /// Fixed key of the transaction lock that serialises account management.
    static let userManagementLockKey: Int64 = 7_264_812_994

    /// Runs `body` in a transaction; a write that needs the right to manage users first takes a
    /// lock that every such write takes. Each write's guard reads other users' rows without
    /// locking them, so without it two administrators demoting each other at once would both
    /// succeed (on SQLite, writes are serial anyway).
    private func managingUsers<T: Sendable>(
        _ session: ActingSession?, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await self.transaction { connection in
            if session?.managesUsers == true {
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.userManagementLockKey))", logger: self.logger)
            }
            return try await body(connection)
        }
    }

    /// The condition that `session` is still valid, for the `WHERE` of the write it guards
    /// (true without a session); its values are bound into `sql`.
    private static func isValid(_ session: ActingSession?, _ sql: PostgresSQL) -> String {
        guard let session else { return "true" }
        return """
            EXISTS (SELECT 1 FROM users a JOIN roles r ON r.id = a.role_id
                    WHERE a.id = \(sql.bind(session.userID.rawValue)) AND a.active
                      AND a.session_generation = \(sql.bind(Int32(clamping: session.sessionGeneration)))\(session.managesUsers ? " AND r.can_manage_users" : ""))
            """
    }

    private func roleID(named name: String) async throws -> Int16? {
        let rows = try await self.client.query("SELECT id FROM roles WHERE name = \(name)", logger: self.logger)
        for try await id in rows.decode(Int16.self) { return id }
        return nil
    }

    public func reserveLoginAttempt(key: String, limit: Int, window: TimeInterval, now: Date) async throws -> LoginAttemptReservation {
        let cutoff = now.addingTimeInterval(-window)
        return try await self.run {
            // One statement: an expired count starts again, a full one is left as it is (no row
            // comes back), anything else counts this attempt. The row lock serialises servers;
            // a request that waited never moves the last attempt back.
            let rows = try await self.client.query(
                """
                INSERT INTO login_attempts AS a (key, attempts, last_attempt) VALUES (\(key), 1, \(now))
                ON CONFLICT (key) DO UPDATE SET
                    attempts = CASE WHEN a.last_attempt <= \(cutoff) THEN 1 ELSE a.attempts + 1 END,
                    last_attempt = greatest(a.last_attempt, excluded.last_attempt)
                WHERE a.last_attempt <= \(cutoff) OR a.attempts < \(Int32(clamping: limit))
                RETURNING attempts
                """,
                logger: self.logger
            )
            for try await _ in rows.decode(Int32.self) {
                // Counters are removed a window after they expire: a server whose clock runs a
                // little ahead does not remove the live counters of the others.
                let expired = cutoff.addingTimeInterval(-window)
                try await self.client.query("DELETE FROM login_attempts WHERE last_attempt <= \(expired)", logger: self.logger)
                return .granted
            }
            let last = try await self.client.query("SELECT last_attempt FROM login_attempts WHERE key = \(key)", logger: self.logger)
            for try await at in last.decode(Date.self) { return .refused(retryAt: at.addingTimeInterval(window)) }
            return .refused(retryAt: now.addingTimeInterval(window))
        }
    }

    public func releaseLoginAttempt(key: String) async throws {
        _ = try await self.run {
            try await self.client.query(
                "UPDATE login_attempts SET attempts = attempts - 1 WHERE key = \(key) AND attempts > 0", logger: self.logger
            )
        }
    }

    public func users(page: PageRequest) async throws -> Page<User> {
        // The page and its total count come from one moment.
        try await self.snapshot { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: UserColumns.selection) FROM \(unescaped: UserColumns.join)
                WHERE u.id > \(page.after?.id ?? 0) ORDER BY u.id LIMIT \(page.limit + 1)
                """,
                logger: self.logger
            )
            let users = try await rows.collect { try UserColumns.user($0) }
            let total = try await self.count("SELECT count(*) FROM users", on: connection)
            return Page(fetched: users, limit: page.limit, totalCount: total) { PageCursor(id: $0.id.rawValue) }
        }
    }

    private func credentials(where condition: String, _ value: some PostgresDynamicTypeEncodable) async throws -> UserCredentials? {
        try await self.run {
            let sql = PostgresSQL()
            _ = sql.bind(value)
            let text = "SELECT \(UserColumns.selection) FROM \(UserColumns.join) WHERE \(condition)"
            return try await self.client.query(sql.query(text), logger: self.logger).collect { try UserColumns.credentials($0) }.first
        }
    }

    /// The single integer a `count(*)` query returns.
    func count(_ query: PostgresQuery) async throws -> Int {
        try await self.count(query, on: self.client)
    }

    /// The single integer a `count(*)` query returns, run on `runner`.
    func count(_ query: PostgresQuery, on runner: some PostgresQueryRunner) async throws -> Int {
        var count = 0
        for try await value in try await runner.rows(query, logger: self.logger).decode(Int64.self) { count = Int(value) }
        return count
    }
}
