import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    /// Candidates from the stemmed (english) title and description of the tickets that are not
    /// closed (`similar_document`, which holds no comment text, on the partial GIN index
    /// `open_tickets_similar_document`), among the ``Similarity/similarWindow`` most recent: the
    /// newest holding every keyword, then, when they are fewer than the pool, the best by
    /// `ts_rank` among the ``Similarity/rankedMatches`` newest holding any. For each candidate,
    /// the same stemmer says which keywords its title (weight A) and description (weight B)
    /// hold, and ``Similarity`` scores and orders them, as on every store.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?, visibleTo viewer: User.ID?) async throws
        -> [SimilarTicket]
    {
        guard !keywords.isEmpty else { return [] }
        // Keywords hold only letters and digits; quoting each keeps tsquery syntax out anyway.
        let terms = keywords.map { "'\($0)'" }
        // A viewer who may not see every ticket: matches in titles (weight A) only.
        let matched = viewer == nil ? terms : terms.map { $0 + ":A" }
        let pool = Similarity.candidatePool(limit: limit)
        return try await self.run {
            var candidates = try await self.candidates(
                query: matched.joined(separator: " & "), ranked: false, titleOnly: viewer != nil, terms: terms, limit: pool, excluding: excluding)
            if candidates.count < pool, keywords.count > 1 {
                candidates += try await self.candidates(
                    query: matched.joined(separator: " | "), ranked: true, titleOnly: viewer != nil, terms: terms, limit: pool,
                    excluding: excluding)
            }
            return Similarity.ranked(candidates, keywordCount: keywords.count, limit: limit, visibility: TicketVisibility(restrictedTo: viewer))
        }
    }

    /// The `limit` newest matches of `query`, or with `ranked` the best by `ts_rank` among the
    /// ``Similarity/rankedMatches`` newest (ranked after the newest are cut, so only for those).
    /// With `titleOnly`, the rank weighs titles (A) alone: `ts_rank` would otherwise count a
    /// query word wherever the document holds it, the description included.
    private func candidates(
        query: String, ranked: Bool, titleOnly: Bool, terms: [String], limit: Int, excluding: Ticket.ID?
    ) async throws -> [SimilarCandidate] {
        let sql = PostgresSQL()
        // One match per keyword and weight, counted only for the rows the inner query keeps.
        let hits = { (weight: String) in
            terms.map { "(t.similar_document @@ to_tsquery('english', \(sql.bind("\($0):\(weight)"))))::int" }.joined(separator: " + ")
        }
        let (titleHits, descriptionHits) = (hits("A"), hits("B"))
        let newest = """
            SELECT t.id, t.similar_document, q FROM tickets t, to_tsquery('english', \(sql.bind(query))) q
            WHERE t.similar_document @@ q AND t.status <> 'closed' AND t.id <> \(sql.bind(excluding?.rawValue ?? 0))
                AND t.id > (SELECT coalesce(max(id), 0) FROM tickets) - \(sql.bind(Similarity.similarWindow))
            ORDER BY t.id DESC
            LIMIT \(sql.bind(ranked ? Similarity.rankedMatches : limit))
            """
        let picked =
            ranked
            ? """
            SELECT newest.id FROM (\(newest)) AS newest
            ORDER BY ts_rank(\(titleOnly ? "'{0,0,0,1}', " : "")newest.similar_document, newest.q) DESC, newest.id DESC LIMIT \(sql.bind(limit))
            """
            : newest
        let text = """
            SELECT \(TicketColumns.similarCandidateSelection), (\(titleHits))::int8 AS title_hits, (\(descriptionHits))::int8 AS description_hits
            FROM (\(picked)) AS best
            JOIN tickets t ON t.id = best.id
            """
        return try await self.client.query(sql.query(text), logger: self.logger).collect { row in
            try TicketColumns.similarCandidate(
                row, titleHits: Int(try row.value(named: "title_hits", as: Int64.self)),
                descriptionHits: Int(try row.value(named: "description_hits", as: Int64.self)))
        }
    }
}
