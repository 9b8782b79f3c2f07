import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    /// Ranks with `ts_rank` over the stemmed (english) search document of the tickets that are not
    /// closed (the partial GIN index `open_tickets_document`): title (weight A), description (B)
    /// and comments (C). Tickets holding every keyword are found first (a selective, cheap query);
    /// when they are fewer than `limit`, tickets holding any keyword are added. Only the
    /// ``SearchText/similarWindow`` most recent tickets count. The result is sorted by score.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        guard !keywords.isEmpty else { return [] }
        // Keywords hold only letters and digits; quoting each keeps tsquery syntax out anyway.
        let terms = keywords.map { "'\($0)'" }
        return try await self.run {
            let all = try await self.similar(query: terms.joined(separator: " & "), limit: limit, excluding: excluding)
            var any: [SimilarTicket] = []
            if all.count < limit, keywords.count > 1 {
                any = try await self.similar(query: terms.joined(separator: " | "), limit: limit, excluding: excluding)
            }
            return SearchText.similarResult(allKeywords: all, anyKeyword: any, limit: limit)
        }
    }

    private func similar(query: String, limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        let rows = try await self.client.query(
            """
            SELECT \(unescaped: PostgresRows.similarColumns), ts_rank(t.document, q)::float8 AS score
            FROM tickets t, to_tsquery('english', \(query)) q
            WHERE t.document @@ q AND t.status <> 'closed' AND t.id <> \(excluding?.rawValue ?? 0)
                AND t.id > (SELECT coalesce(max(id), 0) FROM tickets) - \(SearchText.similarWindow)
            ORDER BY score DESC, t.id DESC
            LIMIT \(limit)
            """,
            logger: self.logger
        )
        var similar: [SimilarTicket] = []
        for try await row in rows.decode(PostgresRows.SimilarRow.self) { similar.append(try PostgresRows.similar(row)) }
        return similar
    }
}
