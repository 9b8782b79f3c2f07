import Foundation
import GRDB
import TicketCore

/// A row of `users` joined with its role (``RoleRecord``): the one place that maps a ``User``
/// to its columns.
struct UserRecord: FetchableRecord {
    /// The columns of `users`, in the order they are selected.
    enum Columns: String, ColumnExpression, CaseIterable {
        case id, name, email, active
        case createdAt = "created_at"
        case passwordHash = "password_hash"
        case sessionGeneration = "session_generation"
    }

    /// `u.id, u.name, ...` and the role's columns: for a query on ``join``.
    static let selection = Columns.allCases.map { "u.\($0.rawValue)" }.joined(separator: ", ") + ", " + RoleRecord.selection

    /// `users u` joined with `roles r`.
    static let join = "users u JOIN roles r ON r.id = u.role_id"

    var user: User
    var passwordHash: String

    init(row: Row) throws {
        self.user = User(
            id: User.ID(try row.value(Columns.id, as: Int64.self)),
            name: try row.value(Columns.name),
            email: try row.value(Columns.email),
            role: try RoleRecord(row: row).role,
            isActive: try row.value(Columns.active),
            createdAt: try row.date(Columns.createdAt),
            sessionGeneration: try row.value(Columns.sessionGeneration)
        )
        self.passwordHash = try row.value(Columns.passwordHash)
    }
}

/// A row of `roles`, selected under ``column(_:)`` names (`role_name`, ...) because users have
/// a `name` too.
struct RoleRecord: FetchableRecord {
    /// The columns of `roles`.
    enum Columns: String, CaseIterable {
        case name
        case canViewAll = "can_view_all"
        case canDeleteAll = "can_delete_all"
        case canEditAll = "can_edit_all"
        case canManageUsers = "can_manage_users"
        case canManageTickets = "can_manage_tickets"
        case canAssignTickets = "can_assign_tickets"
    }

    /// `r.name AS role_name, ...`: every column, for a query on `roles r`.
    static let selection = Columns.allCases.map { "r.\($0.rawValue) AS \(Self.column($0).name)" }.joined(separator: ", ")

    /// The name a column is selected under.
    static func column(_ column: Columns) -> Column {
        Column("role_\(column.rawValue)")
    }

    var role: Role

    init(row: Row) throws {
        let flag = { (column: Columns) in try row.value(Self.column(column), as: Bool.self) }
        self.role = Role(
            name: try row.value(Self.column(.name)),
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
