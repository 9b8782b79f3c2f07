import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    /// Ranks with `ts_rank` over the stemmed (english) title (weight A) and description (weight B);
    /// any keyword may match (an OR query on the GIN-indexed `search` column), and tickets holding
    /// more of them rank higher. Only the ``SearchText/similarWindow`` most recent tickets count.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        guard !keywords.isEmpty else { return [] }
        // Keywords hold only letters and digits; quoting each keeps tsquery syntax out anyway.
        let terms = keywords.map { "'\($0)'" }.joined(separator: " | ")
        return try await self.run {
            let rows = try await self.client.query(
                """
                SELECT \(unescaped: PostgresRows.similarColumns), ts_rank(t.search, q)::float8 AS score
                FROM tickets t, to_tsquery('english', \(terms)) q
                WHERE t.search @@ q AND t.status <> 'closed' AND t.id <> \(excluding?.rawValue ?? 0)
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
}
