/// Who may see which tickets: the one definition. A ticket is visible to its creator, its
/// assignee, and anyone whose role has `can_view_all`; its comments and history are visible
/// exactly when it is.
///
/// ``TicketPolicy`` decides single tickets with it, the service builds every list's scope from
/// it (``viewer``), and ``InMemoryTicketStore`` filters with ``includes(createdBy:assignedTo:)``.
/// The SQL stores apply ``viewer`` in the forms their query plans need (a plain user's list as
/// "created by me" plus "assigned to me", a search token, count-table rows); `docs/schema/README.md`
/// lists those caches, and the stores' cache tests recompute them from scratch.
public enum TicketVisibility: Sendable, Hashable {
    /// Every ticket: a role with `can_view_all`.
    case everything
    /// The tickets this user created or is assigned to.
    case involving(User.ID)

    /// What `user` may see.
    /// - Parameters:
    ///   - user: The viewer.
    public init(of user: User) {
        self = user.permissions.canViewAll ? .everything : .involving(user.id)
    }

    /// The scope a query carries: `nil` for everything, else the only viewer.
    /// - Parameters:
    ///   - viewer: A query's `visibleTo`, such as ``TicketQuery/visibleTo``.
    public init(restrictedTo viewer: User.ID?) {
        self = viewer.map(Self.involving) ?? .everything
    }

    /// The user lists must be restricted to; `nil` for every ticket.
    public var viewer: User.ID? {
        switch self {
        case .everything: nil
        case .involving(let id): id
        }
    }

    /// Whether a ticket with this creator and assignee is visible.
    /// - Parameters:
    ///   - creator: Who created the ticket.
    ///   - assignee: Who is assigned to it, or `nil`.
    /// - Returns: `true` for ``everything``, else when the viewer is the creator or the assignee.
    public func includes(createdBy creator: User.ID, assignedTo assignee: User.ID?) -> Bool {
        switch self {
        case .everything: true
        case .involving(let id): creator == id || assignee == id
        }
    }

    /// Whether `ticket` is visible (and so its comments and history).
    /// - Parameters:
    ///   - ticket: The ticket.
    /// - Returns: `true` when the ticket is in this scope.
    public func includes(_ ticket: Ticket) -> Bool {
        self.includes(createdBy: ticket.createdByID, assignedTo: ticket.assignedToID)
    }
}
