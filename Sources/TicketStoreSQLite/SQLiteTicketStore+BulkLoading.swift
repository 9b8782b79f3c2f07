import GRDB
public import TicketCore

extension SQLiteTicketStore: BulkTicketLoading {
    public func bulkLoad(_ tickets: [BulkTicket]) async throws {
        try await self.write { db in
            var latestCreatedAt = try Self.latestCreatedAt(db)
            let insertComment = try db.cachedStatement(sql: "INSERT INTO comments (ticket_id, user_id, content, created_at) VALUES (?, ?, ?, ?)")
            let insertEvent = try db.cachedStatement(sql: "INSERT INTO ticket_events (ticket_id, actor_id, at, event) VALUES (?, ?, ?, ?)")
            for ticket in tickets {
                let record = TicketRecord(
                    new: Ticket(
                        id: Ticket.ID(0), title: ticket.title, description: ticket.description, priority: ticket.priority, status: ticket.status,
                        createdByID: ticket.createdByID, assignedToID: ticket.assignedToID, duplicateOfID: nil, createdAt: ticket.createdAt,
                        updatedAt: ticket.updatedAt, version: 1, resolvedAt: ticket.resolvedAt, closedAt: ticket.closedAt
                    ),
                    latestCreatedAt: latestCreatedAt
                )
                try record.insert(db)
                latestCreatedAt = record.ticket.createdAt
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
