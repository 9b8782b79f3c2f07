public import Foundation

/// A reported problem.
public struct Ticket: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Ticket>

    public var id: ID
    public var title: String
    public var description: String
    public var priority: TicketPriority
    public var status: TicketStatus
    /// Who reported it.
    public var createdByID: User.ID
    /// The technician working on it, if any.
    public var assignedToID: User.ID?
    /// The ticket this one duplicates; set together with status `closed`.
    public var duplicateOfID: ID?
    public var createdAt: Date
    /// `nil` until the first change after creation.
    public var updatedAt: Date?
    /// Bumped by every change; the `ETag`, checked by `If-Match`.
    public var version: Int
    /// When the ticket last moved to `resolved`; kept while it goes on to `closed`, cleared
    /// when it is reopened (see ``settingStatus(_:at:)``).
    public var resolvedAt: Date?
    /// When the ticket moved to `closed`; cleared when it is reopened.
    public var closedAt: Date?

    /// Creates a ticket value.
    public init(
        id: ID,
        title: String,
        description: String,
        priority: TicketPriority,
        status: TicketStatus,
        createdByID: User.ID,
        assignedToID: User.ID?,
        duplicateOfID: ID?,
        createdAt: Date,
        updatedAt: Date?,
        version: Int,
        resolvedAt: Date? = nil,
        closedAt: Date? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.priority = priority
        self.status = status
        self.createdByID = createdByID
        self.assignedToID = assignedToID
        self.duplicateOfID = duplicateOfID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
    }
}

/// What a store needs to create a ticket; it starts `incoming`, unassigned, at version 1.
public struct NewTicket: Sendable, Hashable {
    public var title: String
    public var description: String
    public var priority: TicketPriority
    public var createdByID: User.ID
    public var createdAt: Date

    /// Creates a draft ticket.
    public init(title: String, description: String, priority: TicketPriority, createdByID: User.ID, createdAt: Date) {
        self.title = title
        self.description = description
        self.priority = priority
        self.createdByID = createdByID
        self.createdAt = createdAt
    }
}
