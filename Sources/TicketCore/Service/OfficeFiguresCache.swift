public import Foundation
import Synchronization

/// The office-wide part of `GET /stats` (everything but `mine`), kept for a short while: it is
/// the same for every caller, and a dashboard is read far more often than tickets change.
///
/// Every write through ``TicketService`` that can change the figures (tickets created, changed
/// or deleted; users registered or changed) drops what is kept, so this server's own writes
/// show at once. Writes by other servers on the same PostgreSQL database show within
/// ``lifetime``. Figures computed while a write landed are never kept or shared: each entry and
/// each computation under way carries the write generation it started in, and only those of the
/// current generation count. Callers that miss at the same moment share one computation.
public final class OfficeFiguresCache: Sendable {
    /// How long kept figures are used; 0 keeps nothing.
    public let lifetime: TimeInterval

    private struct Entry {
        var generation: Int
        var computedAt: Date
        var day: UTCDay
        var stats: OfficeStats
    }

    /// A computation under way, which callers arriving meanwhile wait for instead of repeating.
    private struct Pending {
        var generation: Int
        var day: UTCDay
        var task: Task<OfficeStats, any Error>
    }

    private struct State {
        var generation = 0
        var entries: [Int: Entry] = [:]
        var pending: [Int: Pending] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty cache keeping figures for `lifetime` seconds.
    /// - Parameters:
    ///   - lifetime: How long kept figures are used, in seconds; 0 keeps nothing.
    public init(lifetime: TimeInterval) {
        self.lifetime = lifetime
    }

    /// The figures for a `trend` of `days` days at `now`: the kept ones while they are fresh,
    /// else those of the computation under way, else `compute()`'s, kept for the next caller
    /// unless a write landed meanwhile.
    func figures(days: Int, at now: Date, compute: @escaping @Sendable () async throws -> OfficeStats) async throws -> OfficeStats {
        guard self.lifetime > 0 else { return try await compute() }
        let day = UTCDay(containing: now)
        enum Next {
            case kept(OfficeStats)
            case wait(Task<OfficeStats, any Error>)
        }
        let next = self.state.withLock { state -> Next in
            if let entry = state.entries[days], entry.generation == state.generation, entry.day == day, now >= entry.computedAt,
                now.timeIntervalSince(entry.computedAt) < self.lifetime
            {
                return .kept(entry.stats)
            }
            if let pending = state.pending[days], pending.generation == state.generation, pending.day == day {
                return .wait(pending.task)
            }
            let generation = state.generation
            let task = Task { try await compute() }
            state.pending[days] = Pending(generation: generation, day: day, task: task)
            Task {
                let result = try? await task.value
                self.state.withLock { state in
                    if let pending = state.pending[days], pending.generation == generation, pending.day == day { state.pending[days] = nil }
                    if let result, state.generation == generation {
                        state.entries[days] = Entry(generation: generation, computedAt: now, day: day, stats: result)
                    }
                }
            }
            return .wait(task)
        }
        switch next {
        case .kept(let stats): return stats
        case .wait(let task): return try await task.value
        }
    }

    /// Drops every kept figure: called after each write that may change them.
    func invalidate() {
        self.state.withLock { state in
            state.generation += 1
            state.entries.removeAll()
            state.pending.removeAll()
        }
    }
}
