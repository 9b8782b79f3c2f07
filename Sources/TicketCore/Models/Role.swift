/// A role: a name and the six permission flags of the original API.
public struct Role: Sendable, Hashable, Codable {
    /// The six permission flags a role carries.
    public struct Permissions: Sendable, Hashable, Codable {
        /// May see every ticket and comment, not only their own.
        public var canViewAll: Bool
        /// May delete any ticket or comment.
        public var canDeleteAll: Bool
        /// May edit any ticket's content and any comment, and change any status.
        public var canEditAll: Bool
        /// May create, update, change the role of and deactivate other users.
        public var canManageUsers: Bool
        /// May move tickets through their workflow, and may be assigned tickets.
        public var canManageTickets: Bool
        /// May assign tickets to technicians.
        public var canAssignTickets: Bool

        /// Creates a set of flags; every flag defaults to `false`.
        /// - Parameters:
        ///   - canViewAll: May see every ticket and comment.
        ///   - canDeleteAll: May delete any ticket or comment.
        ///   - canEditAll: May edit any ticket's content and any comment, and change any status.
        ///   - canManageUsers: May create, update, change the role of and deactivate other users.
        ///   - canManageTickets: May move tickets through their workflow, and may be assigned tickets.
        ///   - canAssignTickets: May assign tickets to technicians.
        public init(
            canViewAll: Bool = false,
            canDeleteAll: Bool = false,
            canEditAll: Bool = false,
            canManageUsers: Bool = false,
            canManageTickets: Bool = false,
            canAssignTickets: Bool = false
        ) {
            self.canViewAll = canViewAll
            self.canDeleteAll = canDeleteAll
            self.canEditAll = canEditAll
            self.canManageUsers = canManageUsers
            self.canManageTickets = canManageTickets
            self.canAssignTickets = canAssignTickets
        }
    }

    /// Unique role name, such as `admin`.
    public var name: String
    /// What holders of this role may do.
    public var permissions: Permissions

    /// Creates a role.
    /// - Parameters:
    ///   - name: The unique role name.
    ///   - permissions: What holders of the role may do.
    public init(name: String, permissions: Permissions) {
        self.name = name
        self.permissions = permissions
    }

    /// Every permission.
    public static let admin = Role(
        name: "admin",
        permissions: .init(
            canViewAll: true, canDeleteAll: true, canEditAll: true,
            canManageUsers: true, canManageTickets: true, canAssignTickets: true
        )
    )
    /// The technician: sees, edits, works and assigns tickets; cannot delete or manage users.
    public static let tech = Role(
        name: "tech",
        permissions: .init(canViewAll: true, canEditAll: true, canManageTickets: true, canAssignTickets: true)
    )
    /// Staff who report problems: no extra permissions.
    public static let user = Role(name: "user", permissions: .init())

    /// The three roles every new database starts with.
    public static let builtIn: [Role] = [.admin, .tech, .user]
}
