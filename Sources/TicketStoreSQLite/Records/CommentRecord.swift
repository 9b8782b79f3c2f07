import Foundation
import GRDB
import TicketCore

/// A row of `comments`: the one place that maps a ``Comment`` to its columns.
struct CommentRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "comments"

    /// The columns of `comments`, in the order they are selected.
    enum Columns: String, ColumnExpression, CaseIterable {
        case id
        case ticketID = "ticket_id"
        case authorID = "user_id"
        case content
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// `c.id, c.ticket_id, ...`: every column, for a query on `comments c`.
    static let selection = Columns.allCases.map { "c.\($0.rawValue)" }.joined(separator: ", ")

    /// Columns an edit leaves alone: the key, the ticket, the author and when it was written.
    static let unchangeable = Set([Columns.id, .ticketID, .authorID, .createdAt].map(\.rawValue))

    var comment: Comment

    init(_ comment: Comment) {
        self.comment = comment
    }

    init(row: Row) throws {
        self.comment = Comment(
            id: Comment.ID(try row.value(Columns.id, as: Int64.self)),
            ticketID: Ticket.ID(try row.value(Columns.ticketID, as: Int64.self)),
            authorID: User.ID(try row.value(Columns.authorID, as: Int64.self)),
            content: try row.value(Columns.content),
            createdAt: try row.date(Columns.createdAt),
            updatedAt: try row.optionalDate(Columns.updatedAt)
        )
    }

    /// Every column but `id`.
    func encode(to container: inout PersistenceContainer) {
        container[Columns.ticketID] = self.comment.ticketID.rawValue
        container[Columns.authorID] = self.comment.authorID.rawValue
        container[Columns.content] = self.comment.content
        container[Columns.createdAt] = self.comment.createdAt.millisecondsSince1970
        container[Columns.updatedAt] = self.comment.updatedAt?.millisecondsSince1970
    }
}
