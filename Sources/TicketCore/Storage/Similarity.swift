public import Foundation

/// A ticket that may be similar to a problem, as a store finds it: what the answer shows, and
/// how many of the problem's keywords the store's own stemmer found in its title and in its
/// description.
public struct SimilarCandidate: Sendable, Hashable {
    /// The ticket's id.
    public var id: Ticket.ID
    /// Its title.
    public var title: String
    /// Its status.
    public var status: TicketStatus
    /// Its priority.
    public var priority: TicketPriority
    /// When it was reported.
    public var createdAt: Date
    /// Who may see it besides roles with `can_view_all`: its creator and assignee.
    public var createdByID: User.ID
    /// Its assignee, if any; see ``createdByID``.
    public var assignedToID: User.ID?
    /// How many distinct keywords occur in the title.
    public var titleHits: Int
    /// How many distinct keywords occur in the description.
    public var descriptionHits: Int

    /// Creates a candidate.
    /// - Parameters:
    ///   - id: The ticket's id.
    ///   - title: Its title.
    ///   - status: Its status.
    ///   - priority: Its priority.
    ///   - createdAt: When it was reported.
    ///   - createdByID: Who reported it.
    ///   - assignedToID: Its assignee, or `nil`.
    ///   - titleHits: How many distinct keywords occur in the title.
    ///   - descriptionHits: How many distinct keywords occur in the description.
    public init(
        id: Ticket.ID, title: String, status: TicketStatus, priority: TicketPriority, createdAt: Date, createdByID: User.ID,
        assignedToID: User.ID?, titleHits: Int, descriptionHits: Int
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.priority = priority
        self.createdAt = createdAt
        self.createdByID = createdByID
        self.assignedToID = assignedToID
        self.titleHits = titleHits
        self.descriptionHits = descriptionHits
    }
}

/// "Similar tickets", defined once for every store. A store finds candidates with its own
/// index (tickets not closed, among the ``similarWindow`` most recent, holding a keyword in
/// their title or description, never in comments) and counts, with its own stemmer, which
/// keywords each one holds where; this type turns those counts into the score and the order.
public enum Similarity {
    /// How many of the most recent tickets (by id) are looked at: decades of a small office's
    /// tickets, and a bound on the work at any size.
    public static let similarWindow: Int64 = 100_000

    /// How many candidates a store reads for each of its two searches for an answer of `limit`,
    /// before they are scored. The first search takes the newest tickets holding every keyword
    /// (all are strong matches, and the score orders them); only when it finds fewer does the
    /// second take the best of those holding any keyword, by the store's own relevance ranking
    /// among the ``rankedMatches`` newest. More matching tickets than this are not all looked at.
    /// - Parameters:
    ///   - limit: How many similar tickets the answer holds at most.
    /// - Returns: Four times `limit` (at least four).
    public static func candidatePool(limit: Int) -> Int { max(limit, 1) * 4 }

    /// How many of the newest tickets holding any keyword a store ranks by relevance. Ranking
    /// costs time for every match, and each new ticket is compared with the others, so this
    /// bounds a create's work however many tickets share a common word.
    public static let rankedMatches = 500

    /// How similar a ticket is to a problem of `keywordCount` keywords, from 0 to 1: each keyword
    /// found in the ticket's title counts 3, in its description 1, and the sum is divided by
    /// 4 × the number of keywords. So 1 means every keyword is in both, 0.75 every keyword in the
    /// title only, 0 none anywhere. Comments never count: a plain user must not learn what was
    /// written on tickets they cannot see.
    /// - Parameters:
    ///   - titleHits: How many distinct keywords occur in the title.
    ///   - descriptionHits: How many distinct keywords occur in the description.
    ///   - keywordCount: How many keywords the problem has.
    /// - Returns: The score from 0 to 1; 0 when there are no keywords.
    public static func score(titleHits: Int, descriptionHits: Int, keywordCount: Int) -> Double {
        guard keywordCount > 0 else { return 0 }
        return Double(3 * titleHits + descriptionHits) / Double(4 * keywordCount)
    }

    /// The answer from a store's candidates (duplicates allowed) for a caller who sees
    /// `visibility`: those scoring above 0, best first, newest first among equals, at most
    /// `limit`. A ticket the caller may not see is scored by its title alone, so the score never
    /// says whether a word is in a description they cannot read. (For such a caller a store
    /// also finds candidates by their titles only: see
    /// ``TicketStore/similarTickets(to:limit:excluding:visibleTo:)``.)
    /// - Parameters:
    ///   - candidates: What the store found, in any order; a ticket found twice counts once.
    ///   - keywordCount: How many keywords the problem has.
    ///   - limit: How many to return at most.
    ///   - visibility: What the caller may see.
    /// - Returns: The similar tickets, best first.
    public static func ranked(
        _ candidates: [SimilarCandidate], keywordCount: Int, limit: Int, visibility: TicketVisibility
    ) -> [SimilarTicket] {
        var seen: Set<Ticket.ID> = []
        let scored = candidates.compactMap { candidate -> SimilarTicket? in
            guard seen.insert(candidate.id).inserted else { return nil }
            let readable = visibility.includes(createdBy: candidate.createdByID, assignedTo: candidate.assignedToID)
            let descriptionHits = readable ? candidate.descriptionHits : 0
            let score = Self.score(titleHits: candidate.titleHits, descriptionHits: descriptionHits, keywordCount: keywordCount)
            guard score > 0 else { return nil }
            return SimilarTicket(
                id: candidate.id, title: candidate.title, status: candidate.status, priority: candidate.priority,
                createdAt: candidate.createdAt, score: score
            )
        }
        return Array(scored.sorted { ($0.score, $0.id.rawValue) > ($1.score, $1.id.rawValue) }.prefix(limit))
    }
}
