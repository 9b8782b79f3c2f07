public import Foundation

/// A ticket with the people it names, ready to show.
public struct TicketDetails: Sendable {
    /// The ticket.
    public var ticket: Ticket
    /// Who reported it.
    public var createdBy: User
    /// Who is assigned to it, if anyone.
    public var assignedTo: User?
    /// Filled on single-ticket responses, the first ``embeddedCommentLimit`` (oldest first);
    /// `nil` in lists.
    public var comments: [CommentDetails]?
    /// How many comments the caller may see, when ``comments`` is filled (the rest are paged
    /// through `/tickets/{id}/comments`).
    public var commentCount: Int?
    /// At most this many comments come with a single ticket: a thread of long comments would
    /// otherwise make one answer megabytes long.
    public static let embeddedCommentLimit = 50
    /// Filled on creation only: open tickets that look like the same problem.
    public var possibleDuplicates: [SimilarTicket]?
    /// Filled on single-ticket responses: its queue position and duplicates.
    public var standing: TicketStanding?

    /// Creates ticket details; ``commentCount`` and ``standing`` start as `nil`.
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - createdBy: Who reported it.
    ///   - assignedTo: Who is assigned to it, or `nil`.
    ///   - comments: Its first comments, or `nil` in lists.
    ///   - possibleDuplicates: Similar open tickets, on creation only.
    public init(
        ticket: Ticket, createdBy: User, assignedTo: User?, comments: [CommentDetails]? = nil,
        possibleDuplicates: [SimilarTicket]? = nil
    ) {
        self.ticket = ticket
        self.createdBy = createdBy
        self.assignedTo = assignedTo
        self.comments = comments
        self.possibleDuplicates = possibleDuplicates
    }
}

/// Where a ticket stands, shown on single-ticket responses.
public struct TicketStanding: Sendable, Hashable {
    /// Its place in the office's queue (``TicketQueue``); `nil` when it is not active.
    public var queuePosition: Int?
    /// The tickets marked as duplicates of this one that the caller may see, ids ascending.
    public var visibleDuplicates: [Ticket.ID]
    /// How many tickets are marked as duplicates of this one, seen by the caller or not.
    public var duplicateCount: Int

    /// Creates a standing.
    /// - Parameters:
    ///   - queuePosition: The place in the office's queue, or `nil` when the ticket is not active.
    ///   - visibleDuplicates: The duplicates of the ticket the caller may see.
    ///   - duplicateCount: How many duplicates it has in all.
    public init(queuePosition: Int?, visibleDuplicates: [Ticket.ID], duplicateCount: Int) {
        self.queuePosition = queuePosition
        self.visibleDuplicates = visibleDuplicates
        self.duplicateCount = duplicateCount
    }
}

/// A comment with its author and ticket, ready to show.
public struct CommentDetails: Sendable {
    /// The comment.
    public var comment: Comment
    /// Who wrote it.
    public var author: User
    /// The ticket it is on.
    public var ticket: Ticket

    /// Creates comment details.
    /// - Parameters:
    ///   - comment: The comment.
    ///   - author: Who wrote it.
    ///   - ticket: The ticket it is on.
    public init(comment: Comment, author: User, ticket: Ticket) {
        self.comment = comment
        self.author = author
        self.ticket = ticket
    }
}

/// A user with what they created and are assigned, limited to what the caller may see.
public struct UserProfile: Sendable {
    /// How many of each nested list a profile shows (tickets newest first, comments oldest first).
    public static let nestedLimit = 50

    /// The user.
    public var user: User
    /// Tickets the user reported that the caller may see.
    public var createdTickets: [Ticket]
    /// Tickets assigned to the user that the caller may see.
    public var assignedTickets: [Ticket]
    /// Comments the user wrote on tickets the caller may see.
    public var createdComments: [Comment]

    /// Creates a profile.
    /// - Parameters:
    ///   - user: The user.
    ///   - createdTickets: Tickets the user reported.
    ///   - assignedTickets: Tickets assigned to the user.
    ///   - createdComments: Comments the user wrote.
    public init(user: User, createdTickets: [Ticket], assignedTickets: [Ticket], createdComments: [Comment]) {
        self.user = user
        self.createdTickets = createdTickets
        self.assignedTickets = assignedTickets
        self.createdComments = createdComments
    }
}

/// One history event with the user who caused it.
public struct HistoryEntry: Sendable {
    /// The event.
    public var event: TicketEvent
    /// Who caused it.
    public var actor: User

    /// Creates a history entry.
    /// - Parameters:
    ///   - event: The event.
    ///   - actor: Who caused it.
    public init(event: TicketEvent, actor: User) {
        self.event = event
        self.actor = actor
    }
}

/// A ticket that looks like the text given, in the redacted form anyone may see.
public struct SimilarTicket: Sendable, Hashable {
    /// The ticket's id.
    public var id: Ticket.ID
    /// Its title.
    public var title: String
    /// Its status.
    public var status: TicketStatus
    /// Its priority.
    public var priority: TicketPriority
    /// When it was reported.
    public var createdAt: Foundation.Date
    /// Higher is more similar.
    public var score: Double

    /// Creates a similar-ticket entry.
    /// - Parameters:
    ///   - id: The ticket's id.
    ///   - title: Its title.
    ///   - status: Its status.
    ///   - priority: Its priority.
    ///   - createdAt: When it was reported.
    ///   - score: How similar it is, from 0 to 1 (see ``Similarity/score(titleHits:descriptionHits:keywordCount:)``).
    public init(id: Ticket.ID, title: String, status: TicketStatus, priority: TicketPriority, createdAt: Foundation.Date, score: Double) {
        self.id = id
        self.title = title
        self.status = status
        self.priority = priority
        self.createdAt = createdAt
        self.score = score
    }
}
