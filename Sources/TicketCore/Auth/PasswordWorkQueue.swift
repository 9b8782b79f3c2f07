import Synchronization

/// A bounded queue for password hashing: at most ``maxRunning`` hashes at once and
/// ``maxWaiting`` waiting; beyond that a caller is turned away at once with a 503
/// (``TicketError/busy(_:retryAfterSeconds:)``) instead of waiting behind work nobody may
/// read, so a burst of logins (abandoned ones included) can stall the real ones by a few hashes
/// at most. A waiting caller whose task is cancelled leaves the queue without hashing (the HTTP
/// adapter cancels the sign-ins of clients that hang up: `ClientDepartures` in TicketHTTP).
public final class PasswordWorkQueue: Sendable {
    /// Hashes run at once (one per core is all the machine can do).
    public let maxRunning: Int
    /// Callers that may wait for a turn.
    public let maxWaiting: Int

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var running = 0
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
        /// Callers between taking an id and being admitted or queued, with whether their task
        /// was cancelled meanwhile.
        var arriving: [UInt64: Bool] = [:]
    }

    private let state = Mutex(State())

    /// Creates a queue; `maxRunning` and `maxWaiting` are at least 1 and 0.
    /// - Parameters:
    ///   - maxRunning: Hashes run at once.
    ///   - maxWaiting: Callers that may wait for a turn.
    public init(maxRunning: Int, maxWaiting: Int) {
        self.maxRunning = max(1, maxRunning)
        self.maxWaiting = max(0, maxWaiting)
    }

    /// Runs `work` when a turn is free, or turns the caller away at once when the queue is full.
    /// - Parameters:
    ///   - work: The hashing to do.
    /// - Returns: What `work` returns.
    /// - Throws: ``TicketError/Kind/busy`` when every turn is taken and ``maxWaiting`` callers wait already,
    ///   `CancellationError` when the task is cancelled before `work` starts, and whatever `work` throws.
    public func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        try await self.acquire()
        defer { self.release() }
        // Cancelled while waiting, or just as the turn came: no work for a client that left.
        try Task.checkCancellation()
        return try await work()
    }

    /// Callers waiting for a turn now (for tests and metrics).
    public var waitingCount: Int { self.state.withLock { $0.waiters.count } }

    private enum Admission {
        case run
        case wait
        case full
        case cancelled
    }

    private func acquire() async throws {
        let id = self.state.withLock { state in
            state.nextID += 1
            state.arriving[state.nextID] = false
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let admission = self.state.withLock { state -> Admission in
                    if state.arriving.removeValue(forKey: id) == true { return .cancelled }
                    if state.running < self.maxRunning {
                        state.running += 1
                        return .run
                    }
                    guard state.waiters.count < self.maxWaiting else { return .full }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return .wait
                }
                switch admission {
                case .run: continuation.resume()
                case .wait: break
                case .full: continuation.resume(throwing: TicketError.busy("Too many sign-ins are being checked right now; try again in a moment"))
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let waiter = self.state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                    // Still arriving: it is turned back when it gets there. Otherwise it already
                    // has its turn, and `run` checks for cancellation before the work.
                    if state.arriving[id] != nil { state.arriving[id] = true }
                    return nil
                }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release() {
        let next = self.state.withLock { state -> Waiter? in
            guard !state.waiters.isEmpty else {
                state.running -= 1
                return nil
            }
            // The turn passes straight to the first waiter; `running` stays the same.
            return state.waiters.removeFirst()
        }
        next?.continuation.resume()
    }
}
