/// A ticket with what its page shows: its first comments, the people named on it, the tickets
/// marked as its duplicates and its place in the queue, read from one consistent state (see
/// ``TicketStore/ticketSnapshot(id:commentLimit:readingAllIf:)``).
/// Permissions are the service's part: it says, through the predicate it passes, whether the
/// rest is handed back at all.
public struct TicketSnapshot: Sendable, Equatable {
    /// The ticket.
    public var ticket: Ticket
    /// The first comments, oldest first, at most the `commentLimit` asked for.
    public var comments: [Comment]
    /// The creator, the assignee and the comments' authors, by id.
    public var people: [User.ID: User]
    /// The tickets marked as duplicates of this one, by id.
    public var duplicates: [Ticket]
    /// The position in the office's queue (``TicketQueue``), `nil` when the ticket is not active.
    public var queuePosition: Int?

    /// Creates a snapshot.
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - comments: Its first comments, oldest first.
    ///   - people: The people named on it, by id.
    ///   - duplicates: The tickets marked as its duplicates.
    ///   - queuePosition: Its place in the queue, or `nil` when it is not active.
    public init(ticket: Ticket, comments: [Comment], people: [User.ID: User], duplicates: [Ticket], queuePosition: Int?) {
        self.ticket = ticket
        self.comments = comments
        self.people = people
        self.duplicates = duplicates
        self.queuePosition = queuePosition
    }

    /// Who ``people`` holds: the creator, the assignee and the comments' authors.
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - comments: The comments read with it.
    /// - Returns: The ids of those people.
    public static func peopleNamed(on ticket: Ticket, comments: [Comment]) -> Set<User.ID> {
        Set([ticket.createdByID] + [ticket.assignedToID].compactMap { $0 } + comments.map(\.authorID))
    }

    /// A snapshot of the ticket alone, for a reader who may not see the rest.
    /// - Parameters:
    ///   - ticket: The ticket.
    public init(ticketOnly ticket: Ticket) {
        self.init(ticket: ticket, comments: [], people: [:], duplicates: [], queuePosition: nil)
    }
}
