import GRDB
public import TicketCore

extension SQLiteTicketStore {
    /// Candidates from FTS5 over the stemmed title and description of the tickets that are not
    /// closed, among the ``Similarity/similarWindow`` most recent (`similar_ticket_search`, which
    /// holds no comment text): the newest holding every keyword, then, when they are fewer than
    /// the pool, the best by bm25 (title 3, description 1) among the
    /// ``Similarity/rankedMatches`` newest holding any. For each candidate, FTS5 (porter) then
    /// says which keywords its title and its description hold (one query per keyword), and
    /// ``Similarity`` scores and orders them, as on every store.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?) async throws -> [SimilarTicket] {
        guard !keywords.isEmpty else { return [] }
        let terms = keywords.map { "\"\($0)\"" }
        let pool = Similarity.candidatePool(limit: limit)
        return try await self.read { db in
            let oldest = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM tickets")) ?? 0) - Similarity.similarWindow
            var candidates = try Self.newestCandidates(match: terms.joined(separator: " "), limit: pool, excluding: excluding, after: oldest, db)
            if candidates.count < pool, keywords.count > 1 {
                candidates += try Self.bestCandidates(match: terms.joined(separator: " OR "), limit: pool, excluding: excluding, after: oldest, db)
            }
            let hits = try Self.hits(of: terms, among: Array(Set(candidates.map(\.id.rawValue))), db)
            for index in candidates.indices {
                let found = hits[candidates[index].id.rawValue]
                candidates[index].titleHits = found?.title ?? 0
                candidates[index].descriptionHits = found?.description ?? 0
            }
            return Similarity.ranked(candidates, keywordCount: keywords.count, limit: limit)
        }
    }

    /// The newest matches (their hits not yet counted).
    private static func newestCandidates(match: String, limit: Int, excluding: Ticket.ID?, after oldest: Int64, _ db: Database) throws
        -> [SimilarCandidate]
    {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT t.id, t.title, t.status, t.priority, t.created_at
                    FROM (
                        SELECT rowid AS id FROM similar_ticket_search
                        WHERE similar_ticket_search MATCH ? AND rowid > ? AND rowid <> ?
                        ORDER BY rowid DESC LIMIT ?
                    ) AS newest
                    JOIN tickets t ON t.id = newest.id
                    """),
            arguments: [match, oldest, excluding?.rawValue ?? 0, limit]
        )
        return try rows.map(SQLiteRows.similarCandidate)
    }

    /// The best matches by bm25 among the ``Similarity/rankedMatches`` newest (FTS5 walks the
    /// matches newest first and stops there, so bm25 is computed for those rows only), their
    /// hits not yet counted.
    private static func bestCandidates(match: String, limit: Int, excluding: Ticket.ID?, after oldest: Int64, _ db: Database) throws
        -> [SimilarCandidate]
    {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT t.id, t.title, t.status, t.priority, t.created_at
                    FROM (
                        SELECT id, rank FROM (
                            SELECT rowid AS id, rank FROM similar_ticket_search
                            WHERE similar_ticket_search MATCH ? AND rank MATCH 'bm25(3.0, 1.0)' AND rowid > ? AND rowid <> ?
                            ORDER BY rowid DESC LIMIT ?
                        )
                        ORDER BY rank, id DESC LIMIT ?
                    ) AS best
                    JOIN tickets t ON t.id = best.id
                    """),
            arguments: [match, oldest, excluding?.rawValue ?? 0, Similarity.rankedMatches, limit]
        )
        return try rows.map(SQLiteRows.similarCandidate)
    }
    /// For each of `ids`, how many of the quoted `terms` its title and its description hold: one
    /// FTS5 query per term over the range of `ids` (one walk along the term's matches; a lookup
    /// per id costs FTS5 a new search each), whose `highlight` marks show the column, computed
    /// only for `ids` (`+rowid` keeps the list from becoming such lookups).
    private static func hits(of terms: [String], among ids: [Int64], _ db: Database) throws -> [Int64: (title: Int, description: Int)] {
        guard let first = ids.min(), let last = ids.max() else { return [:] }
        var hits: [Int64: (title: Int, description: Int)] = [:]
        let statement = try db.cachedStatement(
            sql: """
                SELECT rowid,
                    instr(highlight(similar_ticket_search, 0, char(1), char(2)), char(1)) > 0,
                    instr(highlight(similar_ticket_search, 1, char(1), char(2)), char(1)) > 0
                FROM similar_ticket_search
                WHERE similar_ticket_search MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN \(SQLiteRows.idList)
                """)
        let idList = SQLiteRows.idList(ids)
        for term in terms {
            for row in try Row.fetchAll(statement, arguments: [term, first, last, idList]) {
                let id: Int64 = row[0]
                let (inTitle, inDescription): (Bool, Bool) = (row[1], row[2])
                hits[id, default: (0, 0)].title += inTitle ? 1 : 0
                hits[id, default: (0, 0)].description += inDescription ? 1 : 0
            }
        }
        return hits
    }
}
