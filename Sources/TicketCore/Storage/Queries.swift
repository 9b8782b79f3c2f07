import Foundation

/// The order of a ticket list: a column and a direction; ties are broken by id.
public struct TicketSort: Sendable, Hashable {
    /// A sortable ticket column.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// When the ticket was reported.
        case createdAt = "created_at"
        /// Last change: `updated_at`, or `created_at` for a ticket never changed.
        case updatedAt = "updated_at"
        /// By rank: low < medium < high < emergency.
        case priority
    }

    /// The column sorted on.
    public var field: Field
    /// `true` for largest first.
    public var descending: Bool

    /// Creates a sort order.
    /// - Parameters:
    ///   - field: The column sorted on.
    ///   - descending: `true` for largest first.
    public init(field: Field, descending: Bool) {
        self.field = field
        self.descending = descending
    }

    /// Newest first, the API's default.
    public static let `default` = TicketSort(field: .createdAt, descending: true)

    /// Parses `created_at`, `-priority` and so on.
    /// - Parameters:
    ///   - text: A ``Field`` name, with a leading `-` for descending; trimmed and case-insensitive.
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
    /// - Parameters:
    ///   - ticket: The ticket.
    /// - Returns: A timestamp in milliseconds since 1970, or the priority's ``TicketPriority/rank``.
    public func key(for ticket: Ticket) -> Int64 {
        switch self.field {
        case .createdAt: ticket.createdAt.millisecondsSince1970
        case .updatedAt: (ticket.updatedAt ?? ticket.createdAt).millisecondsSince1970
        case .priority: Int64(ticket.priority.rank)
        }
    }

    /// The cursor that starts the page after `ticket`.
    /// - Parameters:
    ///   - ticket: The last ticket of a page.
    /// - Returns: Its sort key and id.
    public func cursor(after ticket: Ticket) -> PageCursor {
        PageCursor(key: self.key(for: ticket), id: ticket.id.rawValue)
    }
}

/// Which tickets a list returns.
public struct TicketQuery: Sendable, Hashable {
    /// Whose assignment to match.
    public enum Assignee: Sendable, Hashable {
        /// Tickets assigned to this user.
        case user(User.ID)
        /// Tickets nobody is assigned to.
        case unassigned
    }

    /// The scope: only tickets this user created or is assigned; `nil` for every ticket
    /// (``TicketVisibility/viewer``).
    public var visibleTo: User.ID?
    /// Any of these statuses; empty for all.
    public var statuses: Set<TicketStatus>
    /// Any of these priorities; empty for all.
    public var priorities: Set<TicketPriority>
    /// Only tickets with this assignment; `nil` for any.
    public var assignee: Assignee?
    /// Only tickets this user created; `nil` for any.
    public var createdBy: User.ID?
    /// Any of these categories, `nil` standing for tickets without one; empty for all.
    public var categories: Set<String?>
    /// Full-text search over title, description and comments.
    public var text: String?
    /// The order.
    public var sort: TicketSort
    /// Which page.
    public var page: PageRequest

    /// Creates a query; with no arguments, every ticket, newest first.
    /// - Parameters:
    ///   - visibleTo: The scope (``TicketVisibility/viewer``), or `nil` for every ticket.
    ///   - statuses: Any of these statuses; empty for all.
    ///   - priorities: Any of these priorities; empty for all.
    ///   - assignee: Only tickets with this assignment, or `nil` for any.
    ///   - createdBy: Only tickets this user created, or `nil` for any.
    ///   - categories: Any of these categories (`nil` for none); empty for all.
    ///   - text: Search words (``SearchText/searchWords(_:)``), or `nil` for no search.
    ///   - sort: The order.
    ///   - page: Which page.
    public init(
        visibleTo: User.ID? = nil,
        statuses: Set<TicketStatus> = [],
        priorities: Set<TicketPriority> = [],
        assignee: Assignee? = nil,
        createdBy: User.ID? = nil,
        categories: Set<String?> = [],
        text: String? = nil,
        sort: TicketSort = .default,
        page: PageRequest = PageRequest()
    ) {
        self.visibleTo = visibleTo
        self.statuses = statuses
        self.priorities = priorities
        self.assignee = assignee
        self.createdBy = createdBy
        self.categories = categories
        self.text = text
        self.sort = sort
        self.page = page
    }
}

/// Which comments a list returns, oldest first.
public struct CommentQuery: Sendable, Hashable {
    /// Only this ticket's comments; `nil` for any ticket.
    public var ticketID: Ticket.ID?
    /// Only this user's comments; `nil` for any author.
    public var authorID: User.ID?
    /// The scope: only comments on tickets this user created or is assigned; `nil` for all
    /// (``TicketVisibility/viewer``).
    public var visibleTo: User.ID?
    /// Which page.
    public var page: PageRequest

    /// Creates a comment query.
    /// - Parameters:
    ///   - ticketID: Only this ticket's comments, or `nil`.
    ///   - authorID: Only this user's comments, or `nil`.
    ///   - visibleTo: The scope (``TicketVisibility/viewer``), or `nil` for all.
    ///   - page: Which page.
    public init(ticketID: Ticket.ID? = nil, authorID: User.ID? = nil, visibleTo: User.ID? = nil, page: PageRequest = PageRequest()) {
        self.ticketID = ticketID
        self.authorID = authorID
        self.visibleTo = visibleTo
        self.page = page
    }
}
