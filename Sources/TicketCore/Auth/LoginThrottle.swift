public import Foundation

/// Counts failed logins per email: after ``maxFailures`` failures within ``window``, further
/// attempts for that email are refused until the oldest failure leaves the window.
public actor LoginThrottle {
    /// Failures allowed within the window.
    public let maxFailures: Int
    /// How long a failure counts.
    public let window: TimeInterval
    private var failures: [String: [Date]] = [:]

    /// Creates a throttle; the API's defaults are 5 failures in 15 minutes.
    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Throws `.tooManyAttempts` while `email` is locked out.
    public func check(_ email: String, now: Date) throws(TicketError) {
        let recent = self.recentFailures(email, now: now)
        if recent.count >= self.maxFailures, let oldest = recent.first {
            let wait = oldest.addingTimeInterval(self.window).timeIntervalSince(now)
            throw TicketError.tooManyAttempts(retryAfterSeconds: max(1, Int(wait.rounded(.up))))
        }
    }

    /// Records one failed attempt for `email`.
    public func recordFailure(_ email: String, now: Date) {
        var recent = self.recentFailures(email, now: now)
        recent.append(now)
        self.failures[email] = recent
        if self.failures.count > 10_000 { self.prune(now: now) }
    }

    /// Forgets the failures of `email` after a successful login.
    public func reset(_ email: String) {
        self.failures[email] = nil
    }

    private func recentFailures(_ email: String, now: Date) -> [Date] {
        (self.failures[email] ?? []).filter { now.timeIntervalSince($0) < self.window }
    }

    private func prune(now: Date) {
        self.failures = self.failures.filter { _, dates in dates.contains { now.timeIntervalSince($0) < self.window } }
    }
}
