import GRDB
public import TicketCore

extension SQLiteTicketStore {
    /// Candidates from FTS5 over the stemmed title and description of the tickets that are not
    /// closed, among the ``Similarity/similarWindow`` most recent (`similar_ticket_search`, which
    /// holds no comment text): those holding every keyword first (a selective, cheap query), then,
    /// when they are fewer than the pool, those holding any, each ranked by bm25 (title 3,
    /// description 1). ``Similarity`` scores and orders them, as on every store.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        guard !keywords.isEmpty else { return [] }
        let terms = keywords.map { "\"\($0)\"" }
        let pool = Similarity.candidatePool(limit: limit)
        return try await self.read { db in
            let oldest = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM tickets") ?? 0) - Similarity.similarWindow
            var candidates = try Self.candidates(match: terms.joined(separator: " "), limit: pool, excluding: excluding, after: oldest, db)
            if candidates.count < pool, keywords.count > 1 {
                candidates += try Self.candidates(match: terms.joined(separator: " OR "), limit: pool, excluding: excluding, after: oldest, db)
            }
            return Similarity.ranked(candidates, keywords: keywords, limit: limit)
        }
    }

    private static func candidates(match: String, limit: Int, excluding: Ticket.ID?, after oldest: Int64, _ db: Database) throws -> [SimilarCandidate]
    {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.id, t.title, t.description, t.status, t.priority, t.created_at
                FROM (
                    SELECT rowid AS id, rank FROM similar_ticket_search
                    WHERE similar_ticket_search MATCH ? AND rank MATCH 'bm25(3.0, 1.0)' AND rowid > ? AND rowid <> ?
                    ORDER BY rank, rowid DESC LIMIT ?
                ) AS best
                JOIN tickets t ON t.id = best.id
                """,
            arguments: [match, oldest, excluding?.rawValue ?? 0, limit]
        )
        return try rows.map(SQLiteRows.similarCandidate)
    }
}
