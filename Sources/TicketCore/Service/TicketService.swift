public import Foundation

/// The ticket system's use cases. Every operation runs validate -> authorize -> store, so an
/// adapter (HTTP, a CLI, a test) cannot skip a step: it hands raw input and the acting user
/// in, and gets domain values or a ``TicketError`` out.
///
/// Each method's documentation names the ``TicketError`` kinds it throws. Any method may also throw
/// what its ``TicketStore`` throws when the database fails; those are not the caller's fault.
public struct TicketService<Store: TicketStore>: Sendable {
    /// Where everything is kept.
    public let store: Store
    /// How passwords are hashed and checked.
    public let passwords: any PasswordHasher
    /// Who may use `POST /auth/register`.
    public let selfRegistration: SelfRegistration
    /// The categories a ticket may have (`GET /categories`).
    public let categories: TicketCategories
    let throttle: LoginThrottle
    let now: @Sendable () -> Date
    /// The office-wide part of `GET /stats`, kept briefly; writes below drop it.
    let officeFigures: OfficeFiguresCache

    /// Creates the service.
    /// - Parameters:
    ///   - store: Persistence.
    ///   - passwords: Password hashing (bcrypt in the server).
    ///   - selfRegistration: Who may use `POST /auth/register` (nobody by default: a 403).
    ///   - categories: The categories a ticket may have.
    ///   - throttle: Failed-login accounting.
    ///   - now: The clock; tests may pin it.
    ///   - officeFiguresLifetime: How long the office-wide figures of `GET /stats` are reused
    ///     (seconds; 0 reads them for every request). This server's writes drop them at once.
    public init(
        store: Store,
        passwords: any PasswordHasher,
        selfRegistration: SelfRegistration = .closed,
        categories: TicketCategories = .default,
        throttle: LoginThrottle = LoginThrottle(),
        now: @escaping @Sendable () -> Date = { Date() },
        officeFiguresLifetime: TimeInterval = 2
    ) {
        self.store = store
        self.passwords = passwords
        self.selfRegistration = selfRegistration
        self.categories = categories
        self.throttle = throttle
        self.now = now
        self.officeFigures = OfficeFiguresCache(lifetime: officeFiguresLifetime)
    }

    /// Runs a write that may change the office-wide figures of `GET /stats`, then drops the
    /// kept ones (also when the write fails: it may have landed).
    func changingOfficeFigures<T>(_ write: () async throws -> T) async throws -> T {
        defer { self.officeFigures.invalidate() }
        return try await write()
    }

    /// The current time at the stores' millisecond precision.
    func timestamp() -> Date {
        Date(millisecondsSince1970: self.now().millisecondsSince1970)
    }

    /// Loads users by id in one store call; a missing one is a store integrity failure.
    func people(_ ids: some Sequence<User.ID>) async throws -> [User.ID: User] {
        let unique = Set(ids)
        return unique.isEmpty ? [:] : try await self.store.users(ids: unique)
    }
}
