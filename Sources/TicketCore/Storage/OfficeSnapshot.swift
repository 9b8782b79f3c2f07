public import Foundation

/// What `GET /stats` needs from a store, asked for in one call so that the store reads it all
/// from one consistent snapshot (and in one round of work).
public struct OfficeSnapshotRequest: Sendable, Hashable {
    /// Whose own queue to include.
    public var viewer: User.ID
    /// At most this many of the viewer's own tickets.
    public var ownLimit: Int
    /// Resolution times of the tickets resolved at or after this.
    public var resolvedSince: Date
    /// The days to count tickets created and resolved on.
    public var days: ClosedRange<UTCDay>

    /// Creates a request.
    public init(viewer: User.ID, ownLimit: Int, resolvedSince: Date, days: ClosedRange<UTCDay>) {
        self.viewer = viewer
        self.ownLimit = ownLimit
        self.resolvedSince = resolvedSince
        self.days = days
    }
}

/// The store's answer to an ``OfficeSnapshotRequest``: raw figures, which ``TicketService``
/// turns into ``OfficeStats``.
public struct OfficeSnapshot: Sendable {
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
    /// The viewer's own active tickets in queue order with their positions, at most `ownLimit`.
    public var ownQueue: [QueuedTicket]
    /// How many active tickets the viewer reported in all.
    public var ownActiveTotal: Int

    /// Creates a snapshot.
    public init(
        tally: [TicketTally], ticketManagers: [User], resolutionTimes: [TimeInterval], days: [TrendDay], ownQueue: [QueuedTicket],
        ownActiveTotal: Int
    ) {
        self.tally = tally
        self.ticketManagers = ticketManagers
        self.resolutionTimes = resolutionTimes
        self.days = days
        self.ownQueue = ownQueue
        self.ownActiveTotal = ownActiveTotal
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
    public init(assignee: User.ID?, status: TicketStatus, priority: TicketPriority, count: Int) {
        self.assignee = assignee
        self.status = status
        self.priority = priority
        self.count = count
    }
}
