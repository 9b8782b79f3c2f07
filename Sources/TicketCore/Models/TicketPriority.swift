/// How urgent a ticket is. Ordered by ``rank``: low < medium < high < emergency.
public enum TicketPriority: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// The least urgent.
    case low
    /// More urgent than low.
    case medium
    /// More urgent than medium.
    case high
    /// The most urgent: first in the queue.
    case emergency

    /// Parses API input: trimmed and case-insensitive.
    /// - Parameters:
    ///   - text: A priority name, such as `" High "`.
    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingWhitespace().lowercased())
    }

    /// 1 for low up to 4 for emergency; stores sort on this.
    public var rank: Int {
        switch self {
        case .low: 1
        case .medium: 2
        case .high: 3
        case .emergency: 4
        }
    }

    /// The priority with a given rank.
    /// - Parameters:
    ///   - rank: 1 to 4; any other value gives `nil`.
    public init?(rank: Int) {
        guard let match = Self.allCases.first(where: { $0.rank == rank }) else { return nil }
        self = match
    }

    /// Orders priorities by ``rank``.
    /// - Parameters:
    ///   - lhs: A priority.
    ///   - rhs: Another priority.
    /// - Returns: `true` when `lhs` is the less urgent.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    static let allowedList = Self.allCases.map(\.rawValue).joined(separator: ", ")
}
