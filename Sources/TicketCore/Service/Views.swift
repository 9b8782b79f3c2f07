public import Foundation

/// A ticket with the people it names, ready to show.
public struct TicketDetails: Sendable {
    public var ticket: Ticket
    public var createdBy: User
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

    /// Creates ticket details.
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
    public init(queuePosition: Int?, visibleDuplicates: [Ticket.ID], duplicateCount: Int) {
        self.queuePosition = queuePosition
        self.visibleDuplicates = visibleDuplicates
        self.duplicateCount = duplicateCount
    }
}

/// A comment with its author and ticket, ready to show.
public struct CommentDetails: Sendable {
    public var comment: Comment
    public var author: User
    public var ticket: Ticket

    /// Creates comment details.
    public init(comment: Comment, author: User, ticket: Ticket) {
        self.comment = comment
        self.author = author
        self.ticket = ticket
    }
}

/// A user with what they created and are assigned, limited to what the caller may see.
public struct UserProfile: Sendable {
    /// How many of each nested list a profile shows (newest first).
    public static let nestedLimit = 50

    public var user: User
    public var createdTickets: [Ticket]
    public var assignedTickets: [Ticket]
    public var createdComments: [Comment]

    /// Creates a profile.
    public init(user: User, createdTickets: [Ticket], assignedTickets: [Ticket], createdComments: [Comment]) {
        self.user = user
        self.createdTickets = createdTickets
        self.assignedTickets = assignedTickets
        self.createdComments = createdComments
    }
}

/// One history event with the user who caused it.
public struct HistoryEntry: Sendable {
    public var event: TicketEvent
    public var actor: User

    /// Creates a history entry.
    public init(event: TicketEvent, actor: User) {
        self.event = event
        self.actor = actor
    }
}

/// A ticket that looks like the text given, in the redacted form anyone may see.
public struct SimilarTicket: Sendable, Hashable {
    public var id: Ticket.ID
    public var title: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var createdAt: Foundation.Date
    /// Higher is more similar.
    public var score: Double

    /// Creates a similar-ticket entry.
    public init(id: Ticket.ID, title: String, status: TicketStatus, priority: TicketPriority, createdAt: Foundation.Date, score: Double) {
        self.id = id
        self.title = title
        self.status = status
        self.priority = priority
        self.createdAt = createdAt
        self.score = score
    }
}
