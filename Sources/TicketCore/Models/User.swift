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
