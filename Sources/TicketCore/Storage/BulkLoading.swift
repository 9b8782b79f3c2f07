public import Foundation

/// One generated ticket with its comments, for bulk loading.
public struct BulkTicket: Sendable {
    /// The title, not validated.
    public var title: String
    /// The description, not validated.
    public var description: String
    /// How urgent it is.
    public var priority: TicketPriority
    /// Its status.
    public var status: TicketStatus
    /// Who reported it.
    public var createdByID: User.ID
    /// Who is assigned to it, if anyone.
    public var assignedToID: User.ID?
    /// When it was reported.
    public var createdAt: Date
    /// When it last changed, if it did.
    public var updatedAt: Date?
    /// Kept only for a resolved or closed ticket; a resolved one without it gets its last change.
    public var resolvedAt: Date?
    /// Kept only for a closed ticket, which without it gets its last change.
    public var closedAt: Date?
    /// Its comments, oldest first.
    public var comments: [BulkComment]

    /// Creates a bulk ticket. The stamps follow the status: `resolvedAt` is kept for a resolved or
    /// closed ticket and `closedAt` for a closed one, filled with the last change when missing.
    /// - Parameters:
    ///   - title: The title.
    ///   - description: The description.
    ///   - priority: How urgent it is.
    ///   - status: Its status.
    ///   - createdByID: Who reported it.
    ///   - assignedToID: Who is assigned to it, or `nil`.
    ///   - createdAt: When it was reported.
    ///   - updatedAt: When it last changed, or `nil`.
    ///   - resolvedAt: When it was resolved, for a resolved or closed ticket.
    ///   - closedAt: When it was closed, for a closed ticket.
    ///   - comments: Its comments, oldest first.
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
    /// Who wrote it.
    public var authorID: User.ID
    /// The text, not validated.
    public var content: String
    /// When it was written.
    public var createdAt: Date

    /// Creates a bulk comment.
    /// - Parameters:
    ///   - authorID: Who wrote it.
    ///   - content: The text.
    ///   - createdAt: When it was written.
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
    /// - Parameters:
    ///   - tickets: The tickets to insert, with their comments.
    /// - Throws: Whatever the store throws; then nothing is inserted.
    func bulkLoad(_ tickets: [BulkTicket]) async throws
}
