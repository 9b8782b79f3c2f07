/// Where a ticket is in its life. Raw values are the API's lower-case names.
public enum TicketStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case incoming
    case open
    case inProgress = "in progress"
    case onHold = "on hold"
    case resolved
    case closed

    /// Parses API input: trimmed and case-insensitive (`" In Progress "` is `.inProgress`).
    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingWhitespace().lowercased())
    }

    /// Active tickets are the ones still being worked: neither resolved nor closed.
    public var isActive: Bool { self != .resolved && self != .closed }

    /// The message used when input names no status.
    static let allowedList = Self.allCases.map(\.rawValue).joined(separator: ", ")
}
