public import Foundation

/// `GET /stats`: what the whole office can see about the queue. Counts are office-wide for
/// every caller; only ``mine`` is about the caller.
public struct OfficeStats: Sendable {
    /// How many tickets are in each status; every status is present.
    public var byStatus: [TicketStatus: Int]
    /// How many active tickets have each priority; every priority is present.
    public var byPriorityActive: [TicketPriority: Int]
    /// Each active user whose role may manage tickets, with their active assigned tickets.
    public var workload: [Workload]
    /// Active tickets nobody is assigned to.
    public var unassignedActive: Int
    /// The median time from creation to resolution of the tickets resolved in the last
    /// ``medianWindow``, in hours (rounded to 0.01); `nil` when none were.
    public var medianHoursToResolve: Double?
    /// The caller's own active tickets in queue order, at most ``mineLimit``.
    public var mine: [QueuedTicket]
    /// How many active tickets the caller has in all (``mine`` may show fewer).
    public var mineTotal: Int
    /// Tickets created and resolved per UTC day, oldest first, one entry per day.
    public var trend: [TrendDay]

    /// Tickets neither resolved nor closed.
    public var activeTotal: Int {
        self.byStatus.filter { $0.key.isActive }.values.reduce(0, +)
    }

    /// How far back the median resolution time looks.
    public static let medianWindow: TimeInterval = 30 * 24 * 3600
    /// `trend` covers this many days unless asked otherwise, and at most ``maximumTrendDays``.
    public static let defaultTrendDays = 30
    /// The longest `trend` a client may ask for (`?days=`).
    public static let maximumTrendDays = 365
    /// At most this many of the caller's tickets are listed in ``mine``, nearest to being
    /// handled first (``mineTotal`` counts them all): a dashboard's worth.
    public static let mineLimit = 20

    /// Creates statistics.
    /// - Parameters:
    ///   - byStatus: How many tickets are in each status.
    ///   - byPriorityActive: How many active tickets have each priority.
    ///   - workload: Each ticket manager with their active assigned tickets.
    ///   - unassignedActive: Active tickets nobody is assigned to.
    ///   - medianHoursToResolve: The median resolution time in hours, or `nil`.
    ///   - mine: The caller's own active tickets in queue order.
    ///   - mineTotal: How many active tickets the caller has in all.
    ///   - trend: Tickets created and resolved per UTC day, oldest first.
    public init(
        byStatus: [TicketStatus: Int], byPriorityActive: [TicketPriority: Int], workload: [Workload], unassignedActive: Int,
        medianHoursToResolve: Double?, mine: [QueuedTicket], mineTotal: Int, trend: [TrendDay]
    ) {
        self.byStatus = byStatus
        self.byPriorityActive = byPriorityActive
        self.workload = workload
        self.unassignedActive = unassignedActive
        self.medianHoursToResolve = medianHoursToResolve
        self.mine = mine
        self.mineTotal = mineTotal
        self.trend = trend
    }

    /// The median of `values`: the middle value of an odd count, the mean of the two middle
    /// values of an even one; `nil` for none.
    static func median(of values: [TimeInterval]) -> TimeInterval? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}

/// One technician's share of the work.
public struct Workload: Sendable {
    /// An active user whose role may manage tickets.
    public var user: User
    /// Active tickets assigned to them.
    public var activeAssigned: Int

    /// Creates a workload entry.
    /// - Parameters:
    ///   - user: An active user whose role may manage tickets.
    ///   - activeAssigned: Active tickets assigned to them.
    public init(user: User, activeAssigned: Int) {
        self.user = user
        self.activeAssigned = activeAssigned
    }
}

/// An active ticket and where it stands in the office's queue (see ``TicketQueue``).
public struct QueuedTicket: Sendable {
    /// An active ticket.
    public var ticket: Ticket
    /// 1 + the active tickets handled before it.
    public var queuePosition: Int

    /// Creates a queued ticket.
    /// - Parameters:
    ///   - ticket: An active ticket.
    ///   - queuePosition: 1 + the active tickets handled before it.
    public init(ticket: Ticket, queuePosition: Int) {
        self.ticket = ticket
        self.queuePosition = queuePosition
    }
}

/// One day of `trend`.
public struct TrendDay: Sendable, Hashable {
    /// The UTC day counted.
    public var day: UTCDay
    /// Tickets created that day (deleted ones no longer count).
    public var created: Int
    /// Tickets whose ``Ticket/resolvedAt`` falls on that day.
    public var resolved: Int

    /// Creates a day's figures.
    /// - Parameters:
    ///   - day: The UTC day counted.
    ///   - created: Tickets created that day.
    ///   - resolved: Tickets resolved that day.
    public init(day: UTCDay, created: Int, resolved: Int) {
        self.day = day
        self.created = created
        self.resolved = resolved
    }
}
