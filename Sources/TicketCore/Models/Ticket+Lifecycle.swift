public import Foundation

extension Ticket {
    /// Moves the ticket to `status` at `now`, keeping ``resolvedAt`` and ``closedAt`` true to it:
    /// the one place these stamps are set.
    ///
    /// - Moving to `resolved` stamps `resolvedAt` (and clears `closedAt`).
    /// - Moving to `closed` stamps `closedAt`; a ticket closed after being resolved keeps its
    ///   `resolvedAt` (it was resolved then), one withdrawn or closed as a duplicate has none.
    /// - Moving back to an active status (reopening) clears both.
    /// - Setting the status it already has changes nothing.
    ///
    /// - Parameters:
    ///   - status: The new status.
    ///   - now: The time to stamp.
    public mutating func settingStatus(_ status: TicketStatus, at now: Date) {
        guard status != self.status else { return }
        switch status {
        case .resolved:
            self.resolvedAt = now
            self.closedAt = nil
        case .closed:
            if self.status != .resolved { self.resolvedAt = nil }
            self.closedAt = now
        case .incoming, .open, .inProgress, .onHold:
            self.resolvedAt = nil
            self.closedAt = nil
        }
        self.status = status
    }
}
