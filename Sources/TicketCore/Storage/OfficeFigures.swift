public import Foundation

/// The office-wide figures `GET /stats` needs from a store, asked for in one call so that the
/// store reads them from one consistent snapshot.
public struct OfficeFiguresRequest: Sendable, Hashable {
    /// Resolution times of the tickets resolved at or after this.
    public var resolvedSince: Date
    /// The days to count tickets created and resolved on.
    public var days: ClosedRange<UTCDay>

    /// Creates a request.
    /// - Parameters:
    ///   - resolvedSince: Resolution times are read for tickets resolved at or after this.
    ///   - days: The days to count tickets created and resolved on.
    public init(resolvedSince: Date, days: ClosedRange<UTCDay>) {
        self.resolvedSince = resolvedSince
        self.days = days
    }
}

/// The store's answer to an ``OfficeFiguresRequest``: raw figures, the same for every caller,
/// which ``TicketService`` turns into ``OfficeStats``.
public struct OfficeFigures: Sendable {
    /// Ticket counts by assignee, status and priority, office-wide; zero rows may be left out.
    public var tally: [TicketTally]
    /// Active users whose role may manage tickets: exactly those
    /// ``TicketPolicy/canBeAssigned(_:)`` accepts, by id.
    public var ticketManagers: [User]
    /// The resolution times (``Ticket/resolvedAt`` minus `createdAt`) of the tickets resolved at
    /// or after the request's `resolvedSince`, in no particular order.
    public var resolutionTimes: [TimeInterval]
    /// Tickets created and resolved on each of the request's days, from kept per-day counters;
    /// days with neither may be left out.
    public var days: [TrendDay]

    /// Creates figures.
    /// - Parameters:
    ///   - tally: Ticket counts by assignee, status and priority.
    ///   - ticketManagers: Active users whose role may manage tickets, by id.
    ///   - resolutionTimes: The resolution times of the tickets resolved in the window.
    ///   - days: Tickets created and resolved on each day counted.
    public init(tally: [TicketTally], ticketManagers: [User], resolutionTimes: [TimeInterval], days: [TrendDay]) {
        self.tally = tally
        self.ticketManagers = ticketManagers
        self.resolutionTimes = resolutionTimes
        self.days = days
    }
}

/// One person's active tickets in the office's queue.
public struct OwnQueue: Sendable {
    /// Their active tickets in queue order with positions, as many as asked for.
    public var tickets: [QueuedTicket]
    /// How many active tickets they reported in all.
    public var total: Int

    /// Creates an own queue.
    /// - Parameters:
    ///   - tickets: The active tickets in queue order with positions.
    ///   - total: How many active tickets the person reported in all.
    public init(tickets: [QueuedTicket], total: Int) {
        self.tickets = tickets
        self.total = total
    }
}

/// How many tickets one assignee (or nobody) has in one status and priority: the stores'
/// counters, from which ``OfficeStats`` is summed.
public struct TicketTally: Sendable, Hashable {
    /// `nil` for unassigned tickets.
    public var assignee: User.ID?
    /// The tickets' status.
    public var status: TicketStatus
    /// The tickets' priority.
    public var priority: TicketPriority
    /// How many tickets have this assignee, status and priority.
    public var count: Int

    /// Creates a tally row.
    /// - Parameters:
    ///   - assignee: The assignee, or `nil` for unassigned tickets.
    ///   - status: The tickets' status.
    ///   - priority: The tickets' priority.
    ///   - count: How many tickets have them.
    public init(assignee: User.ID?, status: TicketStatus, priority: TicketPriority, count: Int) {
        self.assignee = assignee
        self.status = status
        self.priority = priority
        self.count = count
    }
}
