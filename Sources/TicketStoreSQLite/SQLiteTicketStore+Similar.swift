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
            let excluded = excluding?.rawValue ?? 0
            var candidates = try Self.candidates(Self.newestMatches, [terms.joined(separator: " "), oldest, excluded, pool], db)
            if candidates.count < pool, keywords.count > 1 {
                candidates += try Self.candidates(
                    Self.bestMatches, [terms.joined(separator: " OR "), oldest, excluded, Similarity.rankedMatches, pool], db)
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

    /// The ids of the newest matches: arguments the match, the oldest id minus one, the id
    /// left out, how many.
    private static let newestMatches = """
        SELECT rowid AS id FROM similar_ticket_search
        WHERE similar_ticket_search MATCH ? AND rowid > ? AND rowid <> ?
        ORDER BY rowid DESC LIMIT ?
        """

    /// The ids of the best matches by bm25 among the ``Similarity/rankedMatches`` newest (FTS5
    /// walks the matches newest first and stops there, so bm25 is computed for those rows
    /// only): arguments as ``newestMatches``, then how many are kept.
    private static let bestMatches = """
        SELECT id FROM (
            SELECT rowid AS id, rank FROM similar_ticket_search
            WHERE similar_ticket_search MATCH ? AND rank MATCH 'bm25(3.0, 1.0)' AND rowid > ? AND rowid <> ?
            ORDER BY rowid DESC LIMIT ?
        )
        ORDER BY rank, id DESC LIMIT ?
        """

    /// The tickets whose ids `matches` selects, their hits not yet counted.
    private static func candidates(_ matches: String, _ arguments: StatementArguments, _ db: Database) throws -> [SimilarCandidate] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: "SELECT t.id, t.title, t.status, t.priority, t.created_at FROM (\(matches)) AS picked JOIN tickets t ON t.id = picked.id"),
            arguments: arguments
        ).map(SQLiteRows.similarCandidate)
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
