import Foundation
import PostgresNIO
import TicketCore

/// The columns of `users`, read joined with their role (``RoleColumns``), and the one place
/// that maps them to a ``User``.
enum UserColumns: String, PostgresColumn {
    case id, name, email, active
    case createdAt = "created_at"
    case passwordHash = "password_hash"
    case sessionGeneration = "session_generation"

    var isTime: Bool { self == .createdAt }

    /// `users u` joined with `roles r`.
    static let join = "users u JOIN roles r ON r.id = u.role_id"

    /// The columns of `u` and of its role `r`, for a query on ``join``.
    static let selection = Self.selection(of: "u") + ", " + RoleColumns.selection(of: "r")

    /// A user and its role as one JSON object, without the password hash: nothing that reads a
    /// user this way needs it.
    static let json = "json_build_object(\(Self.jsonPairs(of: "u", excluding: [.passwordHash])), \(RoleColumns.jsonPairs(of: "r")))"

    /// The user in a row of ``selection`` or of ``json``.
    static func user(_ row: some PostgresColumnReader) throws -> User {
        User(
            id: User.ID(try row.value(Self.id, as: Int64.self)),
            name: try row.value(Self.name),
            email: try row.value(Self.email),
            role: try RoleColumns.role(row),
            isActive: try row.value(Self.active),
            createdAt: try row.time(Self.createdAt),
            sessionGeneration: Int(try row.value(Self.sessionGeneration, as: Int32.self))
        )
    }

    /// The user and password hash in a row of ``selection``.
    static func credentials(_ row: some PostgresColumnReader) throws -> UserCredentials {
        UserCredentials(user: try Self.user(row), passwordHash: try row.value(Self.passwordHash))
    }
}

/// The columns of `roles`, selected as `role_name`, ... because users have a `name` too.
enum RoleColumns: String, PostgresColumn {
    case name
    case canViewAll = "can_view_all"
    case canDeleteAll = "can_delete_all"
    case canEditAll = "can_edit_all"
    case canManageUsers = "can_manage_users"
    case canManageTickets = "can_manage_tickets"
    case canAssignTickets = "can_assign_tickets"

    var isTime: Bool { false }

    var selectedName: String { "role_\(self.rawValue)" }

    /// The role in a row that has these columns.
    static func role(_ row: some PostgresColumnReader) throws -> Role {
        let flag = { (column: Self) in try row.value(column, as: Bool.self) }
        return Role(
            name: try row.value(Self.name),
            permissions: .init(
                canViewAll: try flag(.canViewAll),
                canDeleteAll: try flag(.canDeleteAll),
                canEditAll: try flag(.canEditAll),
                canManageUsers: try flag(.canManageUsers),
                canManageTickets: try flag(.canManageTickets),
                canAssignTickets: try flag(.canAssignTickets)
            )
        )
    }
}
