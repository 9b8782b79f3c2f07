public import Foundation

/// A remark on a ticket.
public struct Comment: Sendable, Hashable, Codable, Identifiable {
    /// A comment's id.
    public typealias ID = Identifier<Comment>

    /// The comment's id, unique among comments.
    public var id: ID
    /// The ticket it is on.
    public var ticketID: Ticket.ID
    /// Who wrote it.
    public var authorID: User.ID
    /// The text, trimmed, 1-20000 characters (``ValidationLimits/comment``).
    public var content: String
    /// When it was written.
    public var createdAt: Date
    /// When its text last changed; `nil` until then.
    public var updatedAt: Date?

    /// Creates a comment value.
    /// - Parameters:
    ///   - id: The comment's id.
    ///   - ticketID: The ticket it is on.
    ///   - authorID: Who wrote it.
    ///   - content: The text.
    ///   - createdAt: When it was written.
    ///   - updatedAt: When its text last changed, or `nil`.
    public init(id: ID, ticketID: Ticket.ID, authorID: User.ID, content: String, createdAt: Date, updatedAt: Date?) {
        self.id = id
        self.ticketID = ticketID
        self.authorID = authorID
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

extension Comment {
    /// The comment a draft becomes when a store keeps it under `id`, never edited. (The SQL
    /// stores build it before the database assigns the id, with an id they do not write.)
    /// - Parameters:
    ///   - draft: What the author wrote.
    ///   - id: The id the store gave it.
    public init(_ draft: NewComment, id: ID) {
        self.init(id: id, ticketID: draft.ticketID, authorID: draft.authorID, content: draft.content, createdAt: draft.createdAt, updatedAt: nil)
    }
}

/// What a store needs to create a comment.
public struct NewComment: Sendable, Hashable {
    /// The ticket it goes on.
    public var ticketID: Ticket.ID
    /// Who writes it.
    public var authorID: User.ID
    /// The validated text.
    public var content: String
    /// When it is written.
    public var createdAt: Date

    /// Creates a draft comment.
    /// - Parameters:
    ///   - ticketID: The ticket it goes on.
    ///   - authorID: Who writes it.
    ///   - content: The validated text.
    ///   - createdAt: When it is written.
    public init(ticketID: Ticket.ID, authorID: User.ID, content: String, createdAt: Date) {
        self.ticketID = ticketID
        self.authorID = authorID
        self.content = content
        self.createdAt = createdAt
    }
}
