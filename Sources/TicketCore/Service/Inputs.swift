/// Raw input for creating an account, as decoded from a request. Fields are `nil` when absent;
/// ``TicketService`` validates them.
public struct RegistrationInput: Sendable {
    /// The display name.
    public var name: String?
    /// The login email.
    public var email: String?
    /// The password, 8-128 characters.
    public var password: String?
    /// A role name; ignored on open registration.
    public var role: String?

    /// Creates registration input.
    /// - Parameters:
    ///   - name: The display name, or `nil` when absent.
    ///   - email: The login email, or `nil` when absent.
    ///   - password: The password, or `nil` when absent.
    ///   - role: A role name, or `nil` for `user`.
    public init(name: String?, email: String?, password: String?, role: String? = nil) {
        self.name = name
        self.email = email
        self.password = password
        self.role = role
    }
}

/// Raw input for `PATCH`/`PUT /users/{id}`. `nil` means "not sent".
public struct UserChangesInput: Sendable {
    /// A new display name.
    public var name: String?
    /// A new login email.
    public var email: String?
    /// A new password.
    public var password: String?
    /// The name of a new role.
    public var role: String?
    /// `false` to deactivate the user, `true` to reactivate them.
    public var active: Bool?
    /// The caller's password, required when they change their own password or email.
    public var currentPassword: String?
    /// `true` for `PUT`: name and email are then required.
    public var isReplacement: Bool

    /// Creates user changes.
    /// - Parameters:
    ///   - name: A new display name, or `nil`.
    ///   - email: A new login email, or `nil`.
    ///   - password: A new password, or `nil`.
    ///   - role: The name of a new role, or `nil`.
    ///   - active: The new active state, or `nil`.
    ///   - currentPassword: The caller's password, or `nil`.
    ///   - isReplacement: `true` for `PUT`.
    public init(
        name: String? = nil, email: String? = nil, password: String? = nil, role: String? = nil, active: Bool? = nil,
        currentPassword: String? = nil, isReplacement: Bool = false
    ) {
        self.name = name
        self.email = email
        self.password = password
        self.role = role
        self.active = active
        self.currentPassword = currentPassword
        self.isReplacement = isReplacement
    }
}

/// Raw input for `POST /tickets`.
public struct TicketInput: Sendable {
    /// The title, 1-200 characters after trimming.
    public var title: String?
    /// The description, 1-20000 characters after trimming.
    public var description: String?
    /// A ``TicketPriority`` name, in any case.
    public var priority: String?
    /// One of the office's ``TicketCategories``, in any case, or `nil` for none.
    public var category: String?

    /// Creates ticket input.
    /// - Parameters:
    ///   - title: The title, or `nil` when absent.
    ///   - description: The description, or `nil` when absent.
    ///   - priority: A priority name, or `nil` when absent.
    ///   - category: A category name, or `nil` when absent or `null`.
    public init(title: String?, description: String?, priority: String?, category: String? = nil) {
        self.title = title
        self.description = description
        self.priority = priority
        self.category = category
    }
}

/// Raw input for `PATCH`/`PUT /tickets/{id}`. A plain optional is `nil` when not sent; the
/// nullable ids are `.none` when not sent and `.some(nil)` when sent as JSON `null`.
public struct TicketChangesInput: Sendable {
    /// A new title.
    public var title: String?
    /// A new description.
    public var description: String?
    /// A new ``TicketPriority`` name, in any case.
    public var priority: String?
    /// A new ``TicketStatus`` name, in any case.
    public var status: String?
    /// A new assignee, or `.some(nil)` to unassign.
    public var assignedToID: User.ID??
    /// The ticket this one duplicates (which also closes it), or `.some(nil)` to clear the mark.
    public var duplicateOfID: Ticket.ID??
    /// A new category name, in any case, or `.some(nil)` for none (optional for `PUT` too).
    public var category: String??
    /// `true` for `PUT`: title, description and priority are then required.
    public var isReplacement: Bool

    /// Creates ticket changes.
    /// - Parameters:
    ///   - title: A new title, or `nil`.
    ///   - description: A new description, or `nil`.
    ///   - priority: A new priority name, or `nil`.
    ///   - status: A new status name, or `nil`.
    ///   - assignedToID: `.none` when not sent, `.some(nil)` to unassign, else the new assignee.
    ///   - duplicateOfID: `.none` when not sent, `.some(nil)` to clear the mark, else the original.
    ///   - category: `.none` when not sent, `.some(nil)` for no category, else a category name.
    ///   - isReplacement: `true` for `PUT`.
    public init(
        title: String? = nil, description: String? = nil, priority: String? = nil, status: String? = nil,
        assignedToID: User.ID?? = .none, duplicateOfID: Ticket.ID?? = .none, category: String?? = .none, isReplacement: Bool = false
    ) {
        self.title = title
        self.description = description
        self.priority = priority
        self.status = status
        self.assignedToID = assignedToID
        self.duplicateOfID = duplicateOfID
        self.category = category
        self.isReplacement = isReplacement
    }
}

/// Raw query parameters of `GET /tickets`, as strings; ``TicketService`` parses them.
public struct TicketListInput: Sendable {
    /// Each `status` parameter; each may hold a comma-separated list.
    public var status: [String]
    /// Each `priority` parameter; each may hold a comma-separated list.
    public var priority: [String]
    /// An id, `me` or `none`.
    public var assignedToID: String?
    /// An id or `me`.
    public var createdByID: String?
    /// Each `category` parameter: a category name, in any case, or `none`; each may hold a
    /// comma-separated list.
    public var category: [String]
    /// Words every ticket listed must contain, in its title, description or comments.
    public var q: String?
    /// The order: `created_at`, `updated_at` or `priority`, with a leading `-` for descending
    /// (see ``TicketSort``).
    public var sort: String?
    /// Which page.
    public var page: PageInput

    /// Creates list input.
    /// - Parameters:
    ///   - status: Each `status` parameter.
    ///   - priority: Each `priority` parameter.
    ///   - assignedToID: An id, `me` or `none`, or `nil` for any assignee.
    ///   - createdByID: An id or `me`, or `nil` for any creator.
    ///   - category: Each `category` parameter.
    ///   - q: Search words, or `nil`.
    ///   - sort: The order, or `nil` for newest first.
    ///   - page: Which page.
    public init(
        status: [String] = [], priority: [String] = [], assignedToID: String? = nil, createdByID: String? = nil,
        category: [String] = [], q: String? = nil, sort: String? = nil, page: PageInput = PageInput()
    ) {
        self.status = status
        self.priority = priority
        self.assignedToID = assignedToID
        self.createdByID = createdByID
        self.category = category
        self.q = q
        self.sort = sort
        self.page = page
    }
}

/// Raw `limit` and `cursor` query parameters.
public struct PageInput: Sendable {
    /// Rows per page, 1 to ``PageRequest/maximumLimit``; a larger number is clamped.
    public var limit: String?
    /// The previous page's ``Page/nextCursor``.
    public var cursor: String?

    /// Creates page input.
    /// - Parameters:
    ///   - limit: Rows per page, or `nil` for ``PageRequest/defaultLimit``.
    ///   - cursor: The previous page's ``Page/nextCursor``, or `nil` for the first page.
    public init(limit: String? = nil, cursor: String? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    /// Parses into a page request; a non-numeric limit or a garbage cursor is a 400, an empty
    /// cursor (`cursor=`) is none: the first page.
    /// - Parameters:
    ///   - ordering: The list's sort order; a cursor issued for another order is refused.
    /// - Returns: The page request.
    /// - Throws: ``TicketError/Kind/validation`` on `limit` when it is not a positive integer, or on
    ///   `cursor` when it is not a cursor this server issued for `ordering` (``PageCursor/invalid``).
    public func parse(ordering: CursorOrdering) throws(TicketError) -> PageRequest {
        var check = Validator()
        let limit = check.limit(self.limit, default: PageRequest.defaultLimit, maximum: PageRequest.maximumLimit)
        try check.check()
        let given = self.cursor.flatMap { $0.isEmpty ? nil : $0 }
        let cursor = try given.map { text throws(TicketError) in try PageCursor(decoding: text, ordering: ordering) }
        return PageRequest(limit: limit, after: cursor)
    }
}

/// Raw query parameters of `GET /stats`.
public struct StatsInput: Sendable {
    /// How many days `trend` covers: 1 to ``OfficeStats/maximumTrendDays`` (default 30).
    public var days: String?

    /// Creates stats input.
    /// - Parameters:
    ///   - days: How many days `trend` covers, or `nil` for ``OfficeStats/defaultTrendDays``.
    public init(days: String? = nil) {
        self.days = days
    }
}
