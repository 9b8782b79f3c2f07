public import Foundation

/// Login throttling: the limits, and how a login uses the store's attempt counters.
///
/// An attempt is counted **before** the password is checked (reserve, verify, and on success
/// take that one attempt back), in the database, so parallel guesses cannot outrun the count,
/// and the count holds across restarts and across several servers on one database.
///
/// A lockout is per email **and client address**: at most ``maxFailures`` failed attempts for
/// one email from one address until ``window`` has passed since the last one counted; then 429
/// with `Retry-After` for that address only, so a stranger guessing cannot lock the owner out
/// from their own desk. An email also has a ceiling of ``maxFailuresPerEmail`` failures from
/// anywhere (guessing spread over many addresses), and optionally each client address one of
/// its own across all emails.
public struct LoginThrottle: Sendable {
    /// Attempts allowed for one email from one client address before that address is locked out.
    public let maxFailures: Int
    /// Attempts allowed for one email from all addresses together before it is locked out.
    public let maxFailuresPerEmail: Int
    /// How long after the last counted attempt the count starts again.
    public let window: TimeInterval
    /// Failed attempts allowed per client address within the window; `nil` for no such limit.
    public let maxFailuresPerAddress: Int?
    /// Self-registrations (attempts, successful or not) allowed per client address within the
    /// window: each costs a hash and may leave an account behind.
    public let maxRegistrationsPerAddress: Int

    /// Creates a throttle; the API's defaults are 5 attempts per email and address and 50 per
    /// email within 15 minutes, no limit per address across emails, and 10 self-registrations
    /// per address.
    /// - Parameters:
    ///   - maxFailures: Failed attempts allowed for one email from one client address.
    ///   - maxFailuresPerEmail: Failed attempts allowed for one email from all addresses together.
    ///   - window: Seconds after the last counted attempt until the count starts again.
    ///   - maxFailuresPerAddress: Failed attempts allowed per client address across emails; `nil` for no such limit.
    ///   - maxRegistrationsPerAddress: Self-registrations allowed per client address within the window.
    public init(
        maxFailures: Int = 5, maxFailuresPerEmail: Int = 50, window: TimeInterval = 15 * 60, maxFailuresPerAddress: Int? = nil,
        maxRegistrationsPerAddress: Int = 10
    ) {
        self.maxFailures = maxFailures
        self.maxFailuresPerEmail = maxFailuresPerEmail
        self.window = window
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.maxRegistrationsPerAddress = maxRegistrationsPerAddress
    }

    /// The counter key of an email (already normalised), counting attempts from anywhere.
    static func key(email: String) -> String { "email:" + email }
    /// The counter key of an email from one client address (`nil`: an unknown one).
    static func key(email: String, address: String?) -> String { "email:" + email + " address:" + (address ?? "unknown") }
    /// The counter key of a client address.
    static func key(address: String) -> String { "address:" + address }
    /// The counter key of the self-registrations from a client address (`nil`: an unknown one).
    static func key(registrationsFrom address: String?) -> String { "register:" + (address ?? "unknown") }

    /// Counts a self-registration from `address`, before any of its work; 429 with the wait
    /// when the address has used its ``maxRegistrationsPerAddress`` within the window. The
    /// attempt stays counted, whatever its outcome.
    func countRegistration(from address: String?, in store: some TicketStore, now: Date) async throws {
        let key = Self.key(registrationsFrom: address)
        if case .refused(let retryAt) = try await store.reserveLoginAttempt(
            key: key, limit: self.maxRegistrationsPerAddress, window: self.window, now: now)
        {
            throw TicketError.tooManyAttempts(
                "Too many accounts were asked for from this address; try again later", retryAfterSeconds: self.wait(until: retryAt, from: now))
        }
    }

    /// Whole seconds from `now` to `retryAt`, at least one and at most the window (also for a
    /// clock that jumped).
    private func wait(until retryAt: Date, from now: Date) -> Int {
        let wait = min(max(retryAt.timeIntervalSince(now), 1), self.window).rounded(.up)
        return wait.isFinite ? Int(wait) : 1
    }

    /// Runs `check` as one attempt counted against every key at once (each with its limit):
    /// refused when any key is at its limit, in which case the others are taken back.
    func attempt(
        _ keys: [(key: String, limit: Int)], in store: some TicketStore, now: Date, _ check: () async throws -> Bool
    ) async throws -> Bool {
        guard let (key, limit) = keys.first else { return try await check() }
        return try await self.reserving(key, limit: limit, in: store, now: now) {
            try await self.attempt(Array(keys.dropFirst()), in: store, now: now, check)
        }
    }

    /// Runs `check` (a password comparison) as one counted attempt against `key`: throws 429
    /// with the wait when `limit` attempts are already counted. The attempt is counted before
    /// `check` runs and taken back when it passes, or when it throws (it checked nothing), so
    /// only failures stay counted.
    private func reserving(
        _ key: String, limit: Int, in store: some TicketStore, now: Date, _ check: () async throws -> Bool
    ) async throws -> Bool {
        if case .refused(let retryAt) = try await store.reserveLoginAttempt(key: key, limit: limit, window: self.window, now: now) {
            throw TicketError.tooManyAttempts(retryAfterSeconds: self.wait(until: retryAt, from: now))
        }
        let passed: Bool
        do {
            passed = try await check()
        } catch {
            try await Self.release(key, in: store)
            throw error
        }
        if passed { try await Self.release(key, in: store) }
        return passed
    }

    /// Takes an attempt of `key` back, also from a cancelled task (a client that hung up): the
    /// stores refuse work for a cancelled task, which would leave the attempt counted as a failure.
    private static func release(_ key: String, in store: some TicketStore) async throws {
        try await Task { try await store.releaseLoginAttempt(key: key) }.value
    }
}

/// The answer of ``TicketStore/reserveLoginAttempt(key:limit:window:now:)``.
public enum LoginAttemptReservation: Sendable, Equatable {
    /// The attempt is counted; go ahead.
    case granted
    /// `limit` attempts are already counted; the key may try again at `retryAt`.
    case refused(retryAt: Date)
}
