import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    /// Candidates from the stemmed (english) title and description of the tickets that are not
    /// closed (`similar_document`, which holds no comment text, on the partial GIN index
    /// `open_tickets_similar_document`), among the ``Similarity/similarWindow`` most recent:
    /// those holding every keyword first (a selective, cheap query), then, when they are fewer
    /// than the pool, those holding any, each ranked by `ts_rank`. ``Similarity`` scores and
    /// orders them, as on every store.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        guard !keywords.isEmpty else { return [] }
        // Keywords hold only letters and digits; quoting each keeps tsquery syntax out anyway.
        let terms = keywords.map { "'\($0)'" }
        let pool = Similarity.candidatePool(limit: limit)
        return try await self.run {
            var candidates = try await self.candidates(query: terms.joined(separator: " & "), limit: pool, excluding: excluding)
            if candidates.count < pool, keywords.count > 1 {
                candidates += try await self.candidates(query: terms.joined(separator: " | "), limit: pool, excluding: excluding)
            }
            return Similarity.ranked(candidates, keywords: keywords, limit: limit)
        }
    }

    private func candidates(query: String, limit: Int, excluding: Ticket.ID?) async throws -> [SimilarCandidate] {
        let rows = try await self.client.query(
            """
            SELECT \(unescaped: PostgresRows.similarCandidateColumns)
            FROM tickets t, to_tsquery('english', \(query)) q
            WHERE t.similar_document @@ q AND t.status <> 'closed' AND t.id <> \(excluding?.rawValue ?? 0)
                AND t.id > (SELECT coalesce(max(id), 0) FROM tickets) - \(Similarity.similarWindow)
            ORDER BY ts_rank(t.similar_document, q) DESC, t.id DESC
            LIMIT \(limit)
            """,
            logger: self.logger
        )
        var candidates: [SimilarCandidate] = []
        for try await row in rows.decode(PostgresRows.SimilarCandidateRow.self) { candidates.append(try PostgresRows.similarCandidate(row)) }
        return candidates
    }
}
