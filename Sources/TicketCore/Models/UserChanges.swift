/// The columns one user update writes; `nil` leaves a column as it is.
public struct UserChanges: Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var roleName: String?
    public var isActive: Bool?
    public var passwordHash: String?
    /// Moves the session generation on, ending every token issued so far.
    public var endsSessions: Bool
    /// When set, the write lands only while this session is still valid (see ``ActingSession``).
    public var actingSession: ActingSession?
    /// When set, the write lands only while the stored password hash is still this one: a login
    /// that upgrades the hash of the password it just checked never undoes a password change
    /// made meanwhile.
    public var expectedPasswordHash: String?

    /// Creates a change set.
    public init(
        name: String? = nil, email: String? = nil, roleName: String? = nil, isActive: Bool? = nil, passwordHash: String? = nil,
        endsSessions: Bool = false, actingSession: ActingSession? = nil, expectedPasswordHash: String? = nil
    ) {
        self.name = name
        self.email = email
        self.roleName = roleName
        self.isActive = isActive
        self.passwordHash = passwordHash
        self.endsSessions = endsSessions
        self.actingSession = actingSession
        self.expectedPasswordHash = expectedPasswordHash
    }

    /// `true` when no column would change.
    public var isEmpty: Bool {
        self.name == nil && self.email == nil && self.roleName == nil && self.isActive == nil && self.passwordHash == nil && !self.endsSessions
    }
}

/// The session a write acts for, as its token proved it when the request began. A store
/// checks it **in the write itself** (the same statement): the acting user must still be
/// active, still in this session generation, and, with ``managesUsers``, still allowed to
/// manage users. So a deactivation, demotion, password change or "log out everywhere" that
/// commits while a request is in flight (a slow body, a long hash) wins over it.
public struct ActingSession: Sendable, Hashable {
    public var userID: User.ID
    public var sessionGeneration: Int
    /// The write needs `can_manage_users`.
    public var managesUsers: Bool

    /// The session of `actor`, as loaded for this request.
    public init(of actor: User, managesUsers: Bool) {
        self.userID = actor.id
        self.sessionGeneration = actor.sessionGeneration
        self.managesUsers = managesUsers
    }
}
