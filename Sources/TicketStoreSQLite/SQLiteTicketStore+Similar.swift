import GRDB
public import TicketCore

extension SQLiteTicketStore {
    /// Ranks with FTS5's bm25 over the stemmed title (weight 3) and description (weight 1) of the
    /// tickets that are not closed, among the ``SearchText/similarWindow`` most recent
    /// (`similar_ticket_search`); the score is the negated bm25, so higher is more similar.
    /// Tickets that contain every keyword are found first (a selective, cheap query); when they
    /// are fewer than `limit`, tickets containing any keyword are added. The result is sorted by
    /// score, newest first among equals.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        guard !keywords.isEmpty else { return [] }
        let terms = keywords.map { "\"\($0)\"" }
        return try await self.read { db in
            let oldest = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM tickets") ?? 0) - SearchText.similarWindow
            let all = try Self.similar(match: terms.joined(separator: " "), limit: limit, excluding: excluding, after: oldest, db)
            var any: [SimilarTicket] = []
            if all.count < limit, keywords.count > 1 {
                any = try Self.similar(match: terms.joined(separator: " OR "), limit: limit, excluding: excluding, after: oldest, db)
            }
            return SearchText.similarResult(allKeywords: all, anyKeyword: any, limit: limit)
        }
    }

    private static func similar(match: String, limit: Int, excluding: Ticket.ID?, after oldest: Int64, _ db: Database) throws -> [SimilarTicket] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.id, t.title, t.status, t.priority, t.created_at, best.score
                FROM (
                    SELECT rowid AS id, -rank AS score FROM similar_ticket_search
                    WHERE similar_ticket_search MATCH ? AND rank MATCH 'bm25(3.0, 1.0)' AND rowid > ? AND rowid <> ?
                    ORDER BY rank, rowid DESC LIMIT ?
                ) AS best
                JOIN tickets t ON t.id = best.id
                ORDER BY best.score DESC, t.id DESC
                """,
            arguments: [match, oldest, excluding?.rawValue ?? 0, limit]
        )
        return try rows.map(SQLiteRows.similar)
    }
}
