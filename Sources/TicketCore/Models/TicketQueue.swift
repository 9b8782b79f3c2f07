public import Foundation

/// The office's queue: the order in which active tickets are handled. This is the one
/// definition of a ticket's `queue_position`; the SQL stores count the same thing with their
/// own indexes and counters, and the conformance suite holds them to ``position(of:among:)``.
public enum TicketQueue {
    /// Whether `first` is handled before `second`: higher priority first, then older first,
    /// then lower id.
    /// - Parameters:
    ///   - first: A ticket.
    ///   - second: Another ticket.
    /// - Returns: `true` when `first` comes before `second` in the queue.
    public static func precedes(_ first: Ticket, _ second: Ticket) -> Bool {
        if first.priority != second.priority { return first.priority > second.priority }
        if first.createdAt != second.createdAt { return first.createdAt < second.createdAt }
        return first.id.rawValue < second.id.rawValue
    }

    /// 1 + the number of active tickets handled before `ticket`; `nil` when it is not active.
    /// Visits every ticket: the reference computation, for the in-memory store and tests.
    /// - Parameters:
    ///   - ticket: The ticket to place.
    ///   - tickets: Every ticket of the office (inactive ones and `ticket` itself are skipped).
    /// - Returns: The 1-based queue position, or `nil` when `ticket` is resolved or closed.
    public static func position(of ticket: Ticket, among tickets: some Sequence<Ticket>) -> Int? {
        guard ticket.status.isActive else { return nil }
        return 1 + tickets.count { $0.status.isActive && $0.id != ticket.id && self.precedes($0, ticket) }
    }
}

/// A day on the UTC calendar, counted from 1970-01-01 (day 0). Daily figures (`trend`) and the
/// stores' per-day counters use it.
public struct UTCDay: Sendable, Hashable, Comparable, Strideable {
    /// Days since 1970-01-01.
    public var number: Int

    /// The day with this number.
    /// - Parameters:
    ///   - number: Days since 1970-01-01.
    public init(number: Int) {
        self.number = number
    }

    /// The UTC day `date` falls on.
    /// - Parameters:
    ///   - date: An instant, at millisecond precision.
    public init(containing date: Date) {
        let milliseconds = date.millisecondsSince1970
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: Self.milliseconds)
        self.number = Int(remainder < 0 ? quotient - 1 : quotient)
    }

    /// Milliseconds in a day.
    public static let milliseconds: Int64 = 86_400_000

    /// Midnight UTC at the start of the day.
    public var start: Date { Date(millisecondsSince1970: Int64(self.number) * Self.milliseconds) }

    /// `YYYY-MM-DD`.
    public var isoDate: String { self.start.formatted(.iso8601.year().month().day()) }

    /// Orders days by date.
    /// - Parameters:
    ///   - lhs: A day.
    ///   - rhs: Another day.
    /// - Returns: `true` when `lhs` is the earlier.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.number < rhs.number }
    /// The number of days from this day to `other`.
    /// - Parameters:
    ///   - other: Another day.
    /// - Returns: How many days `other` is after this one (negative when before).
    public func distance(to other: Self) -> Int { other.number - self.number }
    /// The day `n` days after this one.
    /// - Parameters:
    ///   - n: Days to move on; negative moves back.
    /// - Returns: The day `n` days later.
    public func advanced(by n: Int) -> Self { Self(number: self.number + n) }
}
