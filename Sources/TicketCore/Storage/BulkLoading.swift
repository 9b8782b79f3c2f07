public import Foundation

/// One generated ticket with its comments, for bulk loading.
public struct BulkTicket: Sendable {
    public var title: String
    public var description: String
    public var priority: TicketPriority
    public var status: TicketStatus
    public var createdByID: User.ID
    public var assignedToID: User.ID?
    public var createdAt: Date
    public var updatedAt: Date?
    /// Kept only for a resolved or closed ticket; a resolved one without it gets its last change.
    public var resolvedAt: Date?
    /// Kept only for a closed ticket, which without it gets its last change.
    public var closedAt: Date?
    public var comments: [BulkComment]

    /// Creates a bulk ticket.
    public init(
        title: String, description: String, priority: TicketPriority, status: TicketStatus, createdByID: User.ID,
        assignedToID: User.ID?, createdAt: Date, updatedAt: Date?, resolvedAt: Date? = nil, closedAt: Date? = nil,
        comments: [BulkComment]
    ) {
        self.title = title
        self.description = description
        self.priority = priority
        self.status = status
        self.createdByID = createdByID
        self.assignedToID = assignedToID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        // The stamps follow the status as Ticket.settingStatus keeps them: a closed or resolved
        // ticket has them (its last change, when not given), any other has none.
        let changed = updatedAt ?? createdAt
        self.resolvedAt = status == .resolved ? resolvedAt ?? changed : status == .closed ? resolvedAt : nil
        self.closedAt = status == .closed ? closedAt ?? changed : nil
        self.comments = comments
    }
}

/// One generated comment.
public struct BulkComment: Sendable {
    public var authorID: User.ID
    public var content: String
    public var createdAt: Date

    /// Creates a bulk comment.
    public init(authorID: User.ID, content: String, createdAt: Date) {
        self.authorID = authorID
        self.content = content
        self.createdAt = createdAt
    }
}

/// A store that can load many tickets at once, bypassing the service (no validation, no policy):
/// for the data generator and benchmarks only. Each ticket gets a `created` history event and
/// each comment a `commented` one, so generated data looks like real data.
public protocol BulkTicketLoading: TicketStore {
    /// Inserts `tickets` with their comments and events in one transaction.
    func bulkLoad(_ tickets: [BulkTicket]) async throws
}
