/// A stored row that a store cannot turn back into a model: a value outside what the schema's
/// checks allow, so the database was changed outside the store. Both stores report it this way;
/// the server logs it and answers a bare 500.
public struct UnreadableRow: Error, Equatable, CustomStringConvertible {
    /// The table the row is in.
    public let table: String
    /// The row's id (for count tables, the key that could not be read).
    public let id: Int64

    /// Creates the error for row `id` of `table`.
    /// - Parameters:
    ///   - table: The table the row is in.
    ///   - id: The row's id, or the key of a count table's row.
    public init(table: String, id: Int64) {
        self.table = table
        self.id = id
    }

    /// `unreadable row <id> in <table>`, for logs.
    public var description: String { "unreadable row \(self.id) in \(self.table)" }
}
