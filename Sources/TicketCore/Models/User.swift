public import Foundation

/// A person who can log in: staff who report problems, technicians and admins.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<User>

    public var id: ID
    /// Display name, 1-100 characters.
    public var name: String
    /// Login email, trimmed and lower-cased, unique.
    public var email: String
    /// What this user may do.
    public var role: Role
    /// `false` once deactivated: cannot log in, tokens stop working, data stays attributed.
    public var isActive: Bool
    public var createdAt: Date
    /// Tokens carry the generation they were issued in; a password change, a deactivation or
    /// "log out everywhere" moves it on, which ends every earlier token.
    public var sessionGeneration: Int

    /// Creates a user value.
    public init(id: ID, name: String, email: String, role: Role, isActive: Bool, createdAt: Date, sessionGeneration: Int = 0) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.isActive = isActive
        self.createdAt = createdAt
        self.sessionGeneration = sessionGeneration
    }

    /// Shorthand for the role's flags.
    public var permissions: Role.Permissions { self.role.permissions }
}

/// What a store needs to create a user; validated by ``TicketService`` first.
public struct NewUser: Sendable, Hashable {
    public var name: String
    public var email: String
    public var passwordHash: String
    public var roleName: String
    public var createdAt: Date
    /// For an account an administrator creates: the insert lands only while their session is valid.
    public var actingSession: ActingSession?

    /// Creates a draft user.
    public init(name: String, email: String, passwordHash: String, roleName: String, createdAt: Date, actingSession: ActingSession? = nil) {
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.roleName = roleName
        self.createdAt = createdAt
        self.actingSession = actingSession
    }
}

/// A user together with their stored password hash; never leaves the core and the stores.
public struct UserCredentials: Sendable {
    public var user: User
    public var passwordHash: String

    /// Pairs a user with their hash.
    public init(user: User, passwordHash: String) {
        self.user = user
        self.passwordHash = passwordHash
    }
}

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

    /// Creates a change set.
    public init(
        name: String? = nil, email: String? = nil, roleName: String? = nil, isActive: Bool? = nil, passwordHash: String? = nil,
        endsSessions: Bool = false, actingSession: ActingSession? = nil
    ) {
        self.name = name
        self.email = email
        self.roleName = roleName
        self.isActive = isActive
        self.passwordHash = passwordHash
        self.endsSessions = endsSessions
        self.actingSession = actingSession
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
