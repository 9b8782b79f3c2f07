import Foundation
import PostgresNIO
import TicketCore

/// The columns of `comments`, and the one place that maps them to a ``Comment`` and back.
enum CommentColumns: String, PostgresColumn {
    case id
    case ticketID = "ticket_id"
    case authorID = "user_id"
    case content
    case createdAt = "created_at"
    case updatedAt = "updated_at"

    var isTime: Bool { self == .createdAt || self == .updatedAt }

    /// Columns an edit leaves alone: the key, the ticket, the author and when it was written.
    static let unchangeable: Set<Self> = [.id, .ticketID, .authorID, .createdAt]

    /// The comment in a row that has these columns.
    static func comment(_ row: some PostgresColumnReader) throws -> Comment {
        Comment(
            id: Comment.ID(try row.value(Self.id, as: Int64.self)),
            ticketID: Ticket.ID(try row.value(Self.ticketID, as: Int64.self)),
            authorID: User.ID(try row.value(Self.authorID, as: Int64.self)),
            content: try row.value(Self.content),
            createdAt: try row.time(Self.createdAt),
            updatedAt: try row.optionalTime(Self.updatedAt)
        )
    }

    /// Sets every column but `id` (the database's) to the comment's value.
    static func write(_ comment: Comment, to values: inout PostgresColumnValues<Self>) {
        values.set(.ticketID, comment.ticketID.rawValue)
        values.set(.authorID, comment.authorID.rawValue)
        values.set(.content, comment.content)
        values.set(.createdAt, comment.createdAt.atMilliseconds)
        values.set(.updatedAt, comment.updatedAt?.atMilliseconds)
    }
}
