public import Foundation
import Synchronization

/// The office-wide part of `GET /stats` (everything but `mine`), kept for a short while: it is
/// the same for every caller, and a dashboard is read far more often than tickets change.
///
/// Every write through ``TicketService`` that can change the figures (tickets created, changed
/// or deleted; users registered or changed) drops what is kept, so this server's own writes
/// show at once. Writes by other servers on the same PostgreSQL database show within
/// ``lifetime``. Figures computed while a write landed are never kept: each entry carries the
/// write generation it started from, and only one that started in the current generation counts.
public final class OfficeFiguresCache: Sendable {
    /// How long kept figures are used; 0 keeps nothing.
    public let lifetime: TimeInterval

    private struct Entry {
        var generation: Int
        var computedAt: Date
        var day: UTCDay
        var stats: OfficeStats
    }

    private struct State {
        var generation = 0
        var entries: [Int: Entry] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty cache keeping figures for `lifetime` seconds.
    public init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// The figures for a `trend` of `days` days at `now`: the kept ones while they are fresh,
    /// else `compute()`'s, kept for the next caller unless a write landed meanwhile.
    func figures(days: Int, at now: Date, compute: () async throws -> OfficeStats) async throws -> OfficeStats {
        let day = UTCDay(containing: now)
        let generation = self.state.withLock { state -> Int in state.generation }
        let kept = self.state.withLock { state -> OfficeStats? in
            guard let entry = state.entries[days], entry.generation == state.generation, entry.day == day,
                now >= entry.computedAt, now.timeIntervalSince(entry.computedAt) < self.lifetime
            else { return nil }
            return entry.stats
        }
        if let kept { return kept }
        let stats = try await compute()
        guard self.lifetime > 0 else { return stats }
        self.state.withLock { state in
            if state.generation == generation {
                state.entries[days] = Entry(generation: generation, computedAt: now, day: day, stats: stats)
            }
        }
        return stats
    }

    /// Drops every kept figure: called after each write that may change them.
    func invalidate() {
        self.state.withLock { state in
            state.generation += 1
            state.entries.removeAll()
        }
    }
}
