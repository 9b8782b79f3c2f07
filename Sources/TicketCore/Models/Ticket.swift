public import Foundation

/// A reported problem.
public struct Ticket: Sendable, Hashable, Codable, Identifiable {
    /// A ticket's id: the ticket number people quote.
    public typealias ID = Identifier<Ticket>

    /// The ticket's id, unique among tickets.
    public var id: ID
    /// A short summary, trimmed, 1-200 characters (``ValidationLimits/title``).
    public var title: String
    /// The problem in full, trimmed, 1-20000 characters (``ValidationLimits/description``).
    public var description: String
    /// How urgent it is.
    public var priority: TicketPriority
    /// Where it is in its life.
    public var status: TicketStatus
    /// Who reported it.
    public var createdByID: User.ID
    /// The technician working on it, if any.
    public var assignedToID: User.ID?
    /// The ticket this one duplicates; set together with status `closed`.
    public var duplicateOfID: ID?
    /// When it was reported.
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
    /// One of the office's ``TicketCategories``, or `nil`.
    public var category: String?

    /// Creates a ticket value.
    /// - Parameters:
    ///   - id: The ticket's id.
    ///   - title: A short summary.
    ///   - description: The problem in full.
    ///   - priority: How urgent it is.
    ///   - status: Where it is in its life.
    ///   - createdByID: Who reported it.
    ///   - assignedToID: The technician working on it, or `nil`.
    ///   - duplicateOfID: The ticket this one duplicates, or `nil`.
    ///   - createdAt: When it was reported.
    ///   - updatedAt: When it last changed, or `nil` when it never did.
    ///   - version: The version, 1 for a new ticket.
    ///   - resolvedAt: When it last moved to `resolved`, if that still counts.
    ///   - closedAt: When it moved to `closed`, if it is closed.
    ///   - category: One of the office's categories, or `nil`.
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
        closedAt: Date? = nil,
        category: String? = nil
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
        self.category = category
    }
}

extension Ticket {
    /// The ticket a draft becomes when a store keeps it under `id`: `incoming`, unassigned, at
    /// version 1. (The SQL stores build it before the database assigns the id, with an id they
    /// do not write.)
    /// - Parameters:
    ///   - draft: What the reporter gave.
    ///   - id: The id the store gave it.
    public init(_ draft: NewTicket, id: ID) {
        self.init(
            id: id, title: draft.title, description: draft.description, priority: draft.priority, status: .incoming,
            createdByID: draft.createdByID, assignedToID: nil, duplicateOfID: nil, createdAt: draft.createdAt, updatedAt: nil, version: 1,
            category: draft.category
        )
    }
}

/// What a store needs to create a ticket; it starts `incoming`, unassigned, at version 1.
public struct NewTicket: Sendable, Hashable {
    /// The validated title.
    public var title: String
    /// The validated description.
    public var description: String
    /// How urgent it is.
    public var priority: TicketPriority
    /// Who reports it.
    public var createdByID: User.ID
    /// When it is reported.
    public var createdAt: Date
    /// One of the office's categories, or `nil`.
    public var category: String?

    /// Creates a draft ticket.
    /// - Parameters:
    ///   - title: The validated title.
    ///   - description: The validated description.
    ///   - priority: How urgent it is.
    ///   - createdByID: Who reports it.
    ///   - createdAt: When it is reported.
    ///   - category: One of the office's categories, or `nil`.
    public init(
        title: String, description: String, priority: TicketPriority, createdByID: User.ID, createdAt: Date, category: String? = nil
    ) {
        self.title = title
        self.description = description
        self.priority = priority
        self.createdByID = createdByID
        self.createdAt = createdAt
        self.category = category
    }
}
