import Foundation

/// The order of a ticket list: a column and a direction; ties are broken by id.
public struct TicketSort: Sendable, Hashable {
    /// A sortable ticket column.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case createdAt = "created_at"
        /// Last change: `updated_at`, or `created_at` for a ticket never changed.
        case updatedAt = "updated_at"
        /// By rank: low < medium < high < emergency.
        case priority
    }

    public var field: Field
    public var descending: Bool

    /// Creates a sort order.
    public init(field: Field, descending: Bool) {
        self.field = field
        self.descending = descending
    }

    /// Newest first, the API's default.
    public static let `default` = TicketSort(field: .createdAt, descending: true)

    /// Parses `created_at`, `-priority` and so on.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace().lowercased()
        let descending = trimmed.hasPrefix("-")
        guard let field = Field(rawValue: descending ? String(trimmed.dropFirst()) : trimmed) else { return nil }
        self.init(field: field, descending: descending)
    }

    /// The API form: `-created_at` and so on; also tags cursors.
    public var name: String { (self.descending ? "-" : "") + self.field.rawValue }

    /// What cursors of this order hold: its ``name`` and the range of its keys.
    public var cursorOrdering: CursorOrdering {
        let keys: ClosedRange<Int64> =
            switch self.field {
            case .createdAt, .updatedAt: Date.storableMilliseconds
            case .priority: Int64(TicketPriority.low.rank)...Int64(TicketPriority.emergency.rank)
            }
        return CursorOrdering(tag: self.name, keys: keys)
    }

    /// The value of the sort column for a ticket, as stores compare it.
    public func key(for ticket: Ticket) -> Int64 {
        switch self.field {
        case .createdAt: ticket.createdAt.millisecondsSince1970
        case .updatedAt: (ticket.updatedAt ?? ticket.createdAt).millisecondsSince1970
        case .priority: Int64(ticket.priority.rank)
        }
    }

    /// The cursor that starts the page after `ticket`.
    public func cursor(after ticket: Ticket) -> PageCursor {
        PageCursor(key: self.key(for: ticket), id: ticket.id.rawValue)
    }
}

/// Which tickets a list returns.
public struct TicketQuery: Sendable, Hashable {
    /// Whose assignment to match.
    public enum Assignee: Sendable, Hashable {
        case user(User.ID)
        case unassigned
    }

    /// The scope: only tickets this user created or is assigned; `nil` for every ticket
    /// (``TicketVisibility/viewer``).
    public var visibleTo: User.ID?
    /// Any of these statuses; empty for all.
    public var statuses: Set<TicketStatus>
    /// Any of these priorities; empty for all.
    public var priorities: Set<TicketPriority>
    public var assignee: Assignee?
    public var createdBy: User.ID?
    /// Full-text search over title, description and comments.
    public var text: String?
    public var sort: TicketSort
    public var page: PageRequest

    /// Creates a query; with no arguments, every ticket, newest first.
    public init(
        visibleTo: User.ID? = nil,
        statuses: Set<TicketStatus> = [],
        priorities: Set<TicketPriority> = [],
        assignee: Assignee? = nil,
        createdBy: User.ID? = nil,
        text: String? = nil,
        sort: TicketSort = .default,
        page: PageRequest = PageRequest()
    ) {
        self.visibleTo = visibleTo
        self.statuses = statuses
        self.priorities = priorities
        self.assignee = assignee
        self.createdBy = createdBy
        self.text = text
        self.sort = sort
        self.page = page
    }
}

/// Which comments a list returns, oldest first.
public struct CommentQuery: Sendable, Hashable {
    public var ticketID: Ticket.ID?
    public var authorID: User.ID?
    /// The scope: only comments on tickets this user created or is assigned; `nil` for all
    /// (``TicketVisibility/viewer``).
    public var visibleTo: User.ID?
    public var page: PageRequest

    /// Creates a comment query.
    public init(ticketID: Ticket.ID? = nil, authorID: User.ID? = nil, visibleTo: User.ID? = nil, page: PageRequest = PageRequest()) {
        self.ticketID = ticketID
        self.authorID = authorID
        self.visibleTo = visibleTo
        self.page = page
    }
}
