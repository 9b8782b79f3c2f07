import GRDB
import Synchronization
import TicketCore

/// Users by id as last read, and the sessions found lasting, for the check of the token's
/// user and session that nearly every request makes (`SQLiteTicketStore.user(id:inSession:)`;
/// reading the row cost more than the rest of `GET /auth/me`, Benchmarks/RESULTS.md) and the
/// people named on a page of tickets (`users(ids:)`).
///
/// It observes the store's writer connection, so any committed change to `users`, `roles` or
/// `sessions` (through the store or any SQL on that connection, triggers included; a new
/// session excepted) drops everything kept before the write returns: a deactivation, a new
/// password, a new role or a sign-out counts from the next request on. A read that overlapped a commit is never kept: each read carries the change
/// generation it started in, and only reads of the current generation are kept. What another
/// process writes into the file (an operator's `sqlite3`) is not observed; kept users are read
/// again after ``lifetime``, so such a change counts within it.
final class SQLiteUserCache: TransactionObserver, Sendable {
    /// More users than this are not kept all at once: when full, the cache starts over.
    static let capacity = 10_000
    /// How long a user read is kept at most.
    let lifetime: Duration

    private struct Kept {
        var user: User
        var readAt: ContinuousClock.Instant
    }

    private struct State {
        var generation = 0
        var users: [User.ID: Kept] = [:]
        /// Sessions found lasting, with their user, and when.
        var sessions: [Session.ID: (user: User.ID, readAt: ContinuousClock.Instant)] = [:]
        /// Whether the transaction under way changed users, roles or sessions.
        var changed = false

        /// The user kept for `id`, unless read `lifetime` or longer before `now`.
        func user(_ id: User.ID, at now: ContinuousClock.Instant, lifetime: Duration) -> User? {
            guard let kept = self.users[id], now - kept.readAt < lifetime else { return nil }
            return kept.user
        }

        /// The user kept for `id` when `session` was also found lasting as theirs, both within `lifetime`.
        func user(_ id: User.ID, inSession session: Session.ID, at now: ContinuousClock.Instant, lifetime: Duration) -> User? {
            guard let kept = self.sessions[session], kept.user == id, now - kept.readAt < lifetime else { return nil }
            return self.user(id, at: now, lifetime: lifetime)
        }
    }

    private let state = Mutex(State())

    /// An empty cache keeping each user read for `lifetime` at most.
    init(lifetime: Duration = .seconds(2)) {
        self.lifetime = lifetime
    }

    /// The user kept for `id`, else what `read` finds, kept unless a change was committed
    /// meanwhile. Users that do not exist are not kept.
    func user(id: User.ID, read: () async throws -> User?) async throws -> User? {
        let now = ContinuousClock.now
        let (kept, generation) = self.state.withLock { state in (state.user(id, at: now, lifetime: self.lifetime), state.generation) }
        if let kept { return kept }
        let user = try await read()
        if let user { self.keep([id: user], readIn: generation, at: now) }
        return user
    }

    /// The user kept for `id` in `session`, else what `read` finds (the user while that session
    /// lasts), kept with the session unless a change was committed meanwhile.
    func user(id: User.ID, inSession session: Session.ID, read: () async throws -> User?) async throws -> User? {
        let now = ContinuousClock.now
        let (kept, generation) = self.state.withLock { state in
            (state.user(id, inSession: session, at: now, lifetime: self.lifetime), state.generation)
        }
        if let kept { return kept }
        let user = try await read()
        if let user { self.keep([id: user], readIn: generation, at: now, session: session) }
        return user
    }

    /// The users kept among `ids`, plus those `read` finds among the rest (kept likewise).
    func users(ids: Set<User.ID>, read: (Set<User.ID>) async throws -> [User.ID: User]) async throws -> [User.ID: User] {
        let now = ContinuousClock.now
        var (found, generation) = self.state.withLock { state in
            (
                Dictionary(uniqueKeysWithValues: ids.compactMap { id in state.user(id, at: now, lifetime: self.lifetime).map { (id, $0) } }),
                state.generation
            )
        }
        let missing = ids.subtracting(found.keys)
        guard !missing.isEmpty else { return found }
        let read = try await read(missing)
        self.keep(read, readIn: generation, at: now)
        found.merge(read) { kept, _ in kept }
        return found
    }

    /// Keeps `users` (and `session`, found lasting for the one user read), read in `generation`
    /// from `now` on, unless a change was committed since.
    private func keep(_ users: [User.ID: User], readIn generation: Int, at now: ContinuousClock.Instant, session: Session.ID? = nil) {
        guard !users.isEmpty else { return }
        self.state.withLock { state in
            guard state.generation == generation else { return }
            if state.users.count + users.count > Self.capacity { state.users = [:] }
            for (id, user) in users { state.users[id] = Kept(user: user, readAt: now) }
            if let session, let user = users.first?.key {
                if state.sessions.count >= Self.capacity { state.sessions = [:] }
                state.sessions[session] = (user, now)
            }
        }
    }

    // MARK: TransactionObserver (called on the writer connection's queue)

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        switch eventKind {
        // A new session makes nothing kept wrong (and every sign-in would otherwise empty the cache).
        case .insert(tableName: "sessions"): false
        default: ["users", "roles", "sessions"].contains(eventKind.tableName)
        }
    }

    func databaseDidChange() {
        self.state.withLock { state in state.changed = true }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        self.state.withLock { state in state.changed = true }
        self.stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: Database) {
        self.state.withLock { state in
            guard state.changed else { return }
            state.changed = false
            state.generation += 1
            state.users = [:]
            state.sessions = [:]
        }
    }

    func databaseDidRollback(_ db: Database) {
        self.state.withLock { state in state.changed = false }
    }
}
