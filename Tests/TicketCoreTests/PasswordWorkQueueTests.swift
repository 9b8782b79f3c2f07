import Synchronization
import Testing
import TicketCore

/// The bounded queue in front of password hashing: full means a 503 at once, and a caller
/// that gives up while waiting never gets its hash computed.
@Suite("Password work queue")
struct PasswordWorkQueueTests {
    @Test func fullQueueTurnsCallersAwayAndAbandonedWaitersDoNoWork() async throws {
        let queue = PasswordWorkQueue(maxRunning: 1, maxWaiting: 2)
        let gate = Gate()
        let worked = WorkLog()
        // One runs (held at the gate), two wait.
        let running = Task {
            try await queue.run {
                await gate.wait(); worked.add("running")
            }
        }
        while gate.waiting == 0 { await Task.yield() }
        let abandoned = Task { try await queue.run { worked.add("abandoned") } }
        let patient = Task { try await queue.run { worked.add("patient") } }
        while queue.waitingCount < 2 { await Task.yield() }
        // A fourth is turned away at once with a 503.
        do {
            try await queue.run { worked.add("turned away") }
            Issue.record("a full queue admitted a caller")
        } catch let error as TicketError {
            #expect(error.kind == .busy)
            #expect(error.retryAfterSeconds == 1)
        }
        // The first waiter's client leaves: its place frees up and its work never runs.
        abandoned.cancel()
        await #expect(throws: CancellationError.self) { try await abandoned.value }
        #expect(queue.waitingCount == 1)
        gate.open()
        try await running.value
        try await patient.value
        #expect(worked.entries == ["running", "patient"])
        // Empty again: a caller runs at once.
        try await queue.run {}
        #expect(queue.waitingCount == 0)
    }
}

/// What ran, in order.
private final class WorkLog: Sendable {
    private let state = Mutex<[String]>([])
    var entries: [String] { self.state.withLock { $0 } }
    func add(_ entry: String) { self.state.withLock { $0.append(entry) } }
}

/// Holds callers until opened.
private final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    var waiting: Int { self.state.withLock { $0.waiters.count } }

    func wait() async {
        await withCheckedContinuation { continuation in
            let proceed = self.state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    func open() {
        let waiters = self.state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
