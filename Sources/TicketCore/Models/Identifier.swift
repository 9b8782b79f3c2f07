/// A typed integer id: `Identifier<Ticket>` and `Identifier<User>` are different types,
/// so a user id can never be passed where a ticket id is expected.
public struct Identifier<Entity>: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The positive integer stored in the database.
    public let rawValue: Int64

    /// Wraps a raw database id.
    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// Wraps a raw database id.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { String(self.rawValue) }
}
