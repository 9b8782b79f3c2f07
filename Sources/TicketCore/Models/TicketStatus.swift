/// Where a ticket is in its life. Raw values are the API's lower-case names.
public enum TicketStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Just reported: every ticket starts here, and its creator may still delete it.
    case incoming
    /// Taken up as work to do.
    case open
    /// Being worked on.
    case inProgress = "in progress"
    /// Paused.
    case onHold = "on hold"
    /// Solved; its creator may reopen it (back to `open`).
    case resolved
    /// Finished: withdrawn by its creator, closed after being resolved, or marked as a duplicate.
    case closed

    /// Parses API input: trimmed and case-insensitive (`" In Progress "` is `.inProgress`).
    /// - Parameters:
    ///   - text: A status name as the API spells it.
    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingWhitespace().lowercased())
    }

    /// Active tickets are the ones still being worked: neither resolved nor closed.
    public var isActive: Bool { self != .resolved && self != .closed }

    /// The message used when input names no status.
    static let allowedList = Self.allCases.map(\.rawValue).joined(separator: ", ")
}
