/// Raw input for creating an account, as decoded from a request. Fields are `nil` when absent;
/// ``TicketService`` validates them.
public struct RegistrationInput: Sendable {
    public var name: String?
    public var email: String?
    public var password: String?
    /// A role name; ignored on open registration.
    public var role: String?

    /// Creates registration input.
    public init(name: String?, email: String?, password: String?, role: String? = nil) {
        self.name = name
        self.email = email
        self.password = password
        self.role = role
    }
}

/// Raw input for `PATCH`/`PUT /users/{id}`. `nil` means "not sent".
public struct UserChangesInput: Sendable {
    public var name: String?
    public var email: String?
    public var password: String?
    public var role: String?
    public var active: Bool?
    /// The caller's password, required when they change their own password or email.
    public var currentPassword: String?
    /// `true` for `PUT`: name and email are then required.
    public var isReplacement: Bool

    /// Creates user changes.
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
    public var title: String?
    public var description: String?
    public var priority: String?

    /// Creates ticket input.
    public init(title: String?, description: String?, priority: String?) {
        self.title = title
        self.description = description
        self.priority = priority
    }
}

/// Raw input for `PATCH`/`PUT /tickets/{id}`. A plain optional is `nil` when not sent; the
/// nullable ids are `.none` when not sent and `.some(nil)` when sent as JSON `null`.
public struct TicketChangesInput: Sendable {
    public var title: String?
    public var description: String?
    public var priority: String?
    public var status: String?
    public var assignedToID: User.ID??
    public var duplicateOfID: Ticket.ID??
    /// `true` for `PUT`: title, description and priority are then required.
    public var isReplacement: Bool

    /// Creates ticket changes.
    public init(
        title: String? = nil, description: String? = nil, priority: String? = nil, status: String? = nil,
        assignedToID: User.ID?? = .none, duplicateOfID: Ticket.ID?? = .none, isReplacement: Bool = false
    ) {
        self.title = title
        self.description = description
        self.priority = priority
        self.status = status
        self.assignedToID = assignedToID
        self.duplicateOfID = duplicateOfID
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
    public var q: String?
    public var sort: String?
    public var page: PageInput

    /// Creates list input.
    public init(
        status: [String] = [], priority: [String] = [], assignedToID: String? = nil, createdByID: String? = nil,
        q: String? = nil, sort: String? = nil, page: PageInput = PageInput()
    ) {
        self.status = status
        self.priority = priority
        self.assignedToID = assignedToID
        self.createdByID = createdByID
        self.q = q
        self.sort = sort
        self.page = page
    }
}

/// Raw `limit` and `cursor` query parameters.
public struct PageInput: Sendable {
    public var limit: String?
    public var cursor: String?

    /// Creates page input.
    public init(limit: String? = nil, cursor: String? = nil) {
        self.limit = limit
        self.cursor = cursor
    }

    /// Parses into a page request; a non-numeric limit or a garbage cursor is a 400, an empty
    /// cursor (`cursor=`) is none: the first page.
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
    public init(days: String? = nil) {
        self.days = days
    }
}
