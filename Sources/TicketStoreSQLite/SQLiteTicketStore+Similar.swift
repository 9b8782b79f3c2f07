import GRDB
public import TicketCore

extension SQLiteTicketStore {
    /// Candidates from FTS5 over the stemmed title and description of the tickets that are not
    /// closed, among the ``Similarity/similarWindow`` most recent (`similar_ticket_search`, which
    /// holds no comment text): the newest holding every keyword, then, when they are fewer than
    /// the pool, the best by bm25 (title 3, description 1) among the
    /// ``Similarity/rankedMatches`` newest holding any. Which keywords each candidate's title and
    /// description hold is read off their tokens from the index's own tokenizer (porter over
    /// unicode61), and ``Similarity`` scores and orders them, as on every store.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?, visibleTo viewer: User.ID?) async throws
        -> [SimilarTicket]
    {
        guard !keywords.isEmpty else { return [] }
        let terms = keywords.map { "\"\($0)\"" }
        // A viewer who may not see every ticket: matches in titles only (an FTS5 column filter).
        let (every, any) = (terms.joined(separator: " "), terms.joined(separator: " OR "))
        let (matchEvery, matchAny) = viewer == nil ? (every, any) : ("title : (\(every))", "title : (\(any))")
        let pool = Similarity.candidatePool(limit: limit)
        return try await self.read { db in
            let oldest = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM tickets")) ?? 0) - Similarity.similarWindow
            let excluded = excluding?.rawValue ?? 0
            var candidates = try Self.candidates(Self.newestMatches, [matchEvery, oldest, excluded, pool], db)
            if candidates.count < pool, keywords.count > 1 {
                candidates += try Self.candidates(Self.bestMatches, [matchAny, oldest, excluded, Similarity.rankedMatches, pool], db)
            }
            let counter = try KeywordHits(keywords, db)
            return Similarity.ranked(
                try candidates.map { found in
                    var candidate = found.candidate
                    candidate.titleHits = try counter.count(in: candidate.title)
                    candidate.descriptionHits = try counter.count(in: found.description)
                    return candidate
                },
                keywordCount: keywords.count,
                limit: limit,
                visibility: TicketVisibility(restrictedTo: viewer)
            )
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

    /// The tickets whose ids `matches` selects, with their descriptions, their hits not yet
    /// counted.
    private static func candidates(_ matches: String, _ arguments: StatementArguments, _ db: Database) throws -> [(
        candidate: SimilarCandidate, description: String
    )] {
        try TicketRecord.fetchAll(
            db.cachedStatement(sql: "SELECT \(TicketRecord.selection) FROM (\(matches)) AS picked JOIN tickets t ON t.id = picked.id"),
            arguments: arguments
        ).map { record in
            let ticket = record.ticket
            let candidate = SimilarCandidate(
                id: ticket.id, title: ticket.title, status: ticket.status, priority: ticket.priority, createdAt: ticket.createdAt,
                createdByID: ticket.createdByID, assignedToID: ticket.assignedToID, titleHits: 0, descriptionHits: 0
            )
            return (candidate, ticket.description)
        }
    }
}

/// Counts how many keywords a text holds, as `similar_ticket_search` would match them: the text
/// and each keyword go through the index's tokenizer (porter over unicode61), and a keyword
/// that becomes several tokens must appear as that phrase. Reading the tokens of a candidate
/// once costs less than asking FTS5, which walks every keyword's matches for it.
struct KeywordHits {
    /// A token as FTS5 compares it: its UTF-8 bytes (Swift's `==` on strings would also match
    /// text that differs only in Unicode normalisation, which FTS5 does not).
    private typealias Token = [UInt8]

    private let tokenizer: any FTS5Tokenizer
    private let phrases: [[Token]]

    init(_ keywords: [String], _ db: Database) throws {
        let tokenizer = try db.makeTokenizer(.porter(wrapping: .unicode61()))
        self.tokenizer = tokenizer
        self.phrases = try keywords.map { try tokenizer.tokenize(query: $0).map { Array($0.token.utf8) } }.filter { !$0.isEmpty }
    }

    /// How many of the keywords `text` holds.
    func count(in text: String) throws -> Int {
        let tokens = try self.tokenizer.tokenize(document: text).map { Array($0.token.utf8) }
        return self.phrases.count { phrase in Self.contains(tokens, phrase) }
    }

    private static func contains(_ tokens: [Token], _ phrase: [Token]) -> Bool {
        guard phrase.count <= tokens.count else { return false }
        return (0...(tokens.count - phrase.count)).contains { start in tokens[start..<(start + phrase.count)].elementsEqual(phrase) }
    }
}
