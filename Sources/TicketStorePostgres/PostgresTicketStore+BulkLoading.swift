import Foundation
import PostgresNIO
public import TicketCore

extension PostgresTicketStore: BulkTicketLoading {
    /// Inserts a batch with a few array-bound statements (`unnest`), in one transaction.
    public func bulkLoad(_ tickets: [BulkTicket]) async throws {
        guard !tickets.isEmpty else { return }
        try await self.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO tickets (title, description, priority, status, created_by_id, assigned_to_id, created_at, updated_at,
                                     resolved_at, closed_at, version)
                SELECT title, description, priority, status, created_by_id, nullif(assignee, 0), created_at,
                       CASE WHEN changed THEN changed_at END, CASE WHEN resolved THEN resolved_at END,
                       CASE WHEN closed THEN closed_at END, 1
                FROM unnest(\(tickets.map(\.title)), \(tickets.map(\.description)), \(tickets.map { Int16($0.priority.rank) }),
                            \(tickets.map(\.status.rawValue)), \(tickets.map(\.createdByID.rawValue)), \(tickets.map { $0.assignedToID?.rawValue ?? 0 }),
                            \(tickets.map(\.createdAt.atMilliseconds)), \(tickets.map { ($0.updatedAt ?? $0.createdAt).atMilliseconds }),
                            \(tickets.map { $0.updatedAt != nil }),
                            \(tickets.map { ($0.resolvedAt ?? $0.createdAt).atMilliseconds }), \(tickets.map { $0.resolvedAt != nil }),
                            \(tickets.map { ($0.closedAt ?? $0.createdAt).atMilliseconds }), \(tickets.map { $0.closedAt != nil }))
                    WITH ORDINALITY AS input (title, description, priority, status, created_by_id, assignee, created_at, changed_at, changed,
                                              resolved_at, resolved, closed_at, closed, position)
                ORDER BY position
                RETURNING id
                """,
                logger: self.logger
            )
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            ids.sort()
            guard ids.count == tickets.count else { throw TicketError.notFound("Inserted tickets") }

            var commentTickets: [Int64] = []
            var commentAuthors: [Int64] = []
            var commentContents: [String] = []
            var commentTimes: [Date] = []
            var eventTickets: [Int64] = []
            var eventActors: [Int64] = []
            var eventTimes: [Date] = []
            var eventKinds: [String] = []
            for (id, ticket) in zip(ids, tickets) {
                eventTickets.append(id)
                eventActors.append(ticket.createdByID.rawValue)
                eventTimes.append(ticket.createdAt)
                eventKinds.append(TicketEvent.Kind.created.rawValue)
                for comment in ticket.comments {
                    commentTickets.append(id)
                    commentAuthors.append(comment.authorID.rawValue)
                    commentContents.append(comment.content)
                    commentTimes.append(comment.createdAt)
                    eventTickets.append(id)
                    eventActors.append(comment.authorID.rawValue)
                    eventTimes.append(comment.createdAt)
                    eventKinds.append(TicketEvent.Kind.commented.rawValue)
                }
            }
            try await connection.query(
                """
                INSERT INTO comments (ticket_id, user_id, content, created_at)
                SELECT * FROM unnest(\(commentTickets), \(commentAuthors), \(commentContents), \(commentTimes))
                """,
                logger: self.logger
            )
            try await connection.query(
                """
                INSERT INTO ticket_events (ticket_id, actor_id, at, event)
                SELECT * FROM unnest(\(eventTickets), \(eventActors), \(eventTimes), \(eventKinds))
                """,
                logger: self.logger
            )
        }
    }
}
