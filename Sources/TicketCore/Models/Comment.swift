public import Foundation

/// A remark on a ticket.
public struct Comment: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<Comment>

    public var id: ID
    public var ticketID: Ticket.ID
    public var authorID: User.ID
    public var content: String
    public var createdAt: Date
    public var updatedAt: Date?

    /// Creates a comment value.
    public init(id: ID, ticketID: Ticket.ID, authorID: User.ID, content: String, createdAt: Date, updatedAt: Date?) {
        self.id = id
        self.ticketID = ticketID
        self.authorID = authorID
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a store needs to create a comment.
public struct NewComment: Sendable, Hashable {
    public var ticketID: Ticket.ID
    public var authorID: User.ID
    public var content: String
    public var createdAt: Date

    /// Creates a draft comment.
    public init(ticketID: Ticket.ID, authorID: User.ID, content: String, createdAt: Date) {
        self.ticketID = ticketID
        self.authorID = authorID
        self.content = content
        self.createdAt = createdAt
    }
}
