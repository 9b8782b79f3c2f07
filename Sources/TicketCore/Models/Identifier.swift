/// A typed integer id: `Identifier<Ticket>` and `Identifier<User>` are different types,
/// so a user id can never be passed where a ticket id is expected.
public struct Identifier<Entity>: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The positive integer stored in the database.
    public let rawValue: Int64

    /// Wraps a raw database id.
    /// - Parameters:
    ///   - rawValue: The id as the database stores it.
    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// Wraps a raw database id.
    /// - Parameters:
    ///   - rawValue: The id as the database stores it.
    public init(_ rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// Decodes the id from a plain integer.
    /// - Parameters:
    ///   - decoder: The decoder to read from.
    /// - Throws: `DecodingError` when the value is not an integer that fits `Int64`.
    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes the id as a plain integer.
    /// - Parameters:
    ///   - encoder: The encoder to write to.
    /// - Throws: Any error of `encoder`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    /// Orders ids by their raw values.
    /// - Parameters:
    ///   - lhs: An id.
    ///   - rhs: Another id of the same entity.
    /// - Returns: `true` when `lhs` is the smaller.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The raw value in decimal, such as `42`.
    public var description: String { String(self.rawValue) }
}
