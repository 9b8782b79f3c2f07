public import Foundation

/// A ticket that may be similar to a problem, as a store finds it with its own index: what the
/// shared score reads (title and description) and what the answer shows.
public struct SimilarCandidate: Sendable, Hashable {
    public var id: Ticket.ID
    public var title: String
    public var description: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var createdAt: Date

    /// Creates a candidate.
    public init(id: Ticket.ID, title: String, description: String, status: TicketStatus, priority: TicketPriority, createdAt: Date) {
        self.id = id
        self.title = title
        self.description = description
        self.status = status
        self.priority = priority
        self.createdAt = createdAt
    }
}

/// "Similar tickets", defined once for every store. A store finds candidates with its own
/// index (tickets not closed, among the ``similarWindow`` most recent, holding a keyword in
/// their title or description, never in comments); this type scores and orders them, so every
/// store answers with the same tickets and the same scores.
public enum Similarity {
    /// How many of the most recent tickets (by id) are looked at: decades of a small office's
    /// tickets, and a bound on the work at any size.
    public static let similarWindow: Int64 = 100_000

    /// How many candidates a store reads for each of its two searches (every keyword, then any
    /// keyword) for an answer of `limit`: its own ranking picks them, ``score`` orders them.
    public static func candidatePool(limit: Int) -> Int { max(limit, 1) * 4 }

    /// How similar a ticket is to a problem's `keywords`, from 0 to 1: each keyword found
    /// (after stemming, ``SearchText/stem(_:)``) in the ticket's title counts 3, in its
    /// description 1, and the sum is divided by 4 × the number of keywords. So 1 means every
    /// keyword is in both, 0.75 every keyword in the title only, 0 none anywhere. Comments never
    /// count: a plain user must not learn what was written on tickets they cannot see.
    public static func score(keywords: [String], title: String, description: String) -> Double {
        let wanted = Set(keywords.map(SearchText.stem))
        guard !wanted.isEmpty else { return 0 }
        let titleStems = Self.stems(of: title)
        let descriptionStems = Self.stems(of: description)
        let points = wanted.reduce(0) { sum, stem in
            sum + (titleStems.contains(stem) ? 3 : 0) + (descriptionStems.contains(stem) ? 1 : 0)
        }
        return Double(points) / Double(4 * wanted.count)
    }

    /// The answer from a store's candidates (duplicates allowed): those scoring above 0, best
    /// first, newest first among equals, at most `limit`.
    public static func ranked(_ candidates: [SimilarCandidate], keywords: [String], limit: Int) -> [SimilarTicket] {
        var seen: Set<Ticket.ID> = []
        let scored = candidates.compactMap { candidate -> SimilarTicket? in
            guard seen.insert(candidate.id).inserted else { return nil }
            let score = Self.score(keywords: keywords, title: candidate.title, description: candidate.description)
            guard score > 0 else { return nil }
            return SimilarTicket(
                id: candidate.id, title: candidate.title, status: candidate.status, priority: candidate.priority,
                createdAt: candidate.createdAt, score: score
            )
        }
        return Array(scored.sorted { ($0.score, $0.id.rawValue) > ($1.score, $1.id.rawValue) }.prefix(limit))
    }

    /// The stems of the words (letters and digits) of `text`.
    static func stems(of text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map { SearchText.stem(String($0)) })
    }
}
