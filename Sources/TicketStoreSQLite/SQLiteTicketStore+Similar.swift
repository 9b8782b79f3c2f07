import Foundation
import GRDB
public import TicketCore

extension SQLiteTicketStore {
    /// Ranks with FTS5's bm25 over the stemmed title (weight 3) and description (weight 1);
    /// any keyword may match. The score is the negated bm25, so higher is more similar.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        guard !keywords.isEmpty else { return [] }
        let match = keywords.map { "\"\($0)\"" }.joined(separator: " OR ")
        return try await self.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.title, t.status, t.priority, t.created_at, -bm25(tickets_fts, 3.0, 1.0) AS score
                    FROM tickets_fts JOIN tickets t ON t.id = tickets_fts.rowid
                    WHERE tickets_fts MATCH ? AND t.status <> 'closed' AND t.id <> ?
                    ORDER BY bm25(tickets_fts, 3.0, 1.0), t.id DESC
                    LIMIT ?
                    """,
                arguments: [match, excluding?.rawValue ?? 0, limit]
            )
            return try rows.map { row in
                guard let status = TicketStatus(rawValue: row["status"] as String), let priority = TicketPriority(rank: row["priority"] as Int)
                else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown ticket priority or status") }
                return SimilarTicket(
                    id: Ticket.ID(row["id"] as Int64), title: row["title"] as String, status: status, priority: priority,
                    createdAt: Date(millisecondsSince1970: row["created_at"] as Int64), score: row["score"] as Double
                )
            }
        }
    }
}
