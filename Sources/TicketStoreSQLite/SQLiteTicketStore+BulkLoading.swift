import GRDB
public import TicketCore

extension SQLiteTicketStore: BulkTicketLoading {
    public func bulkLoad(_ tickets: [BulkTicket]) async throws {
        try await self.write { db in
            let insertTicket = try db.cachedStatement(
                sql: """
                    INSERT INTO tickets (title, description, priority, status, created_by_id, assigned_to_id, created_at, updated_at,
                                         resolved_at, closed_at, version)
                    VALUES (?, ?, ?, ?, ?, ?, \(Self.monotonicCreatedAt), ?, ?, ?, 1)
                    """
            )
            let insertComment = try db.cachedStatement(sql: "INSERT INTO comments (ticket_id, user_id, content, created_at) VALUES (?, ?, ?, ?)")
            let insertEvent = try db.cachedStatement(sql: "INSERT INTO ticket_events (ticket_id, actor_id, at, event) VALUES (?, ?, ?, ?)")
            for ticket in tickets {
                try insertTicket.execute(arguments: [
                    ticket.title, ticket.description, ticket.priority.rank, ticket.status.rawValue, ticket.createdByID.rawValue,
                    ticket.assignedToID?.rawValue, ticket.createdAt.millisecondsSince1970, ticket.updatedAt?.millisecondsSince1970,
                    ticket.resolvedAt?.millisecondsSince1970, ticket.closedAt?.millisecondsSince1970,
                ])
                let id = db.lastInsertedRowID
                try insertEvent.execute(arguments: [id, ticket.createdByID.rawValue, ticket.createdAt.millisecondsSince1970, "created"])
                for comment in ticket.comments {
                    try insertComment.execute(arguments: [id, comment.authorID.rawValue, comment.content, comment.createdAt.millisecondsSince1970])
                    try insertEvent.execute(arguments: [id, comment.authorID.rawValue, comment.createdAt.millisecondsSince1970, "commented"])
                }
            }
        }
    }
}
