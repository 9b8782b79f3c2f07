/// The columns one user update writes; `nil` leaves a column as it is.
public struct UserChanges: Sendable, Hashable {
    /// A new display name.
    public var name: String?
    /// A new normalised login email.
    public var email: String?
    /// The name of the new role.
    public var roleName: String?
    /// `false` to deactivate, `true` to reactivate.
    public var isActive: Bool?
    /// The hash of a new password.
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
    /// - Parameters:
    ///   - name: A new display name, or `nil`.
    ///   - email: A new normalised email, or `nil`.
    ///   - roleName: The name of the new role, or `nil`.
    ///   - isActive: The new active state, or `nil`.
    ///   - passwordHash: The hash of a new password, or `nil`.
    ///   - endsSessions: Whether to end every token issued so far.
    ///   - actingSession: The session the write must still be valid in, or `nil` for none.
    ///   - expectedPasswordHash: The hash that must still be stored, or `nil` for any.
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
    /// The acting user.
    public var userID: User.ID
    /// Their session generation when the request began.
    public var sessionGeneration: Int
    /// The write needs `can_manage_users`.
    public var managesUsers: Bool

    /// The session of `actor`, as loaded for this request.
    /// - Parameters:
    ///   - actor: The acting user, with the session generation their token proved.
    ///   - managesUsers: Whether the write needs `can_manage_users`.
    public init(of actor: User, managesUsers: Bool) {
        self.userID = actor.id
        self.sessionGeneration = actor.sessionGeneration
        self.managesUsers = managesUsers
    }
}
