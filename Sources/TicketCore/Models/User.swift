public import Foundation

/// A person who can log in: staff who report problems, technicians and admins.
public struct User: Sendable, Hashable, Codable, Identifiable {
    /// A user's id.
    public typealias ID = Identifier<User>

    /// The user's id, unique among users.
    public var id: ID
    /// Display name, 1-100 characters.
    public var name: String
    /// Login email, trimmed and lower-cased, unique.
    public var email: String
    /// What this user may do.
    public var role: Role
    /// `false` once deactivated: cannot log in, tokens stop working, data stays attributed.
    public var isActive: Bool
    /// When the account was created.
    public var createdAt: Date
    /// Tokens carry the generation they were issued in; a password change, a deactivation or
    /// "log out everywhere" moves it on, which ends every earlier token.
    public var sessionGeneration: Int

    /// Creates a user value.
    /// - Parameters:
    ///   - id: The user's id.
    ///   - name: Display name.
    ///   - email: Login email, normalised.
    ///   - role: What the user may do.
    ///   - isActive: `false` for a deactivated account.
    ///   - createdAt: When the account was created.
    ///   - sessionGeneration: The current session generation; 0 for a new account.
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
    /// The validated display name.
    public var name: String
    /// The normalised login email (see ``EmailAddress/normalize(_:)``).
    public var email: String
    /// The hash of the password, from a ``PasswordHasher``.
    public var passwordHash: String
    /// The name of an existing role, such as `user`.
    public var roleName: String
    /// When the account is created.
    public var createdAt: Date
    /// For an account an administrator creates: the insert lands only while their session is valid.
    public var actingSession: ActingSession?

    /// Creates a draft user.
    /// - Parameters:
    ///   - name: The validated display name.
    ///   - email: The normalised login email.
    ///   - passwordHash: The hash of the password.
    ///   - roleName: The name of an existing role.
    ///   - createdAt: When the account is created.
    ///   - actingSession: The administrator's session for an account they create; `nil` for self-registration.
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
    /// The user.
    public var user: User
    /// The stored hash of their password.
    public var passwordHash: String

    /// Pairs a user with their hash.
    /// - Parameters:
    ///   - user: The user.
    ///   - passwordHash: The stored hash of their password.
    public init(user: User, passwordHash: String) {
        self.user = user
        self.passwordHash = passwordHash
    }
}
