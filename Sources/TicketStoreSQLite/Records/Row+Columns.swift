import Foundation
import GRDB
import TicketCore

extension Row {
    /// The value of `column`; throws when the row has no such column, also for an optional
    /// value (GRDB's `decode` reads a missing column as `nil`), so a record whose selection and
    /// decoder disagree fails on its first read instead of reading `nil`.
    func value<Value: DatabaseValueConvertible>(_ column: some ColumnExpression, as type: Value.Type = Value.self) throws -> Value {
        guard self.hasColumn(column.name) else {
            throw MissingColumn(name: column.name)
        }
        return try self.decode(Value.self, forColumn: column)
    }

    /// A time stored as milliseconds since 1970.
    func date(_ column: some ColumnExpression) throws -> Date {
        Date(millisecondsSince1970: try self.value(column, as: Int64.self))
    }

    /// A time stored as milliseconds since 1970, or `NULL`.
    func optionalDate(_ column: some ColumnExpression) throws -> Date? {
        try self.value(column, as: Int64?.self).map(Date.init(millisecondsSince1970:))
    }
}

extension EncodableRecord {
    /// `SET` assignments for every column ``EncodableRecord/encode(to:)`` writes but `excluded`,
    /// sorted by name (one statement text per record type).
    func assignments(excluding excluded: Set<String>) throws -> [ColumnAssignment] {
        try self.databaseDictionary.filter { !excluded.contains($0.key) }.sorted { $0.key < $1.key }.map {
            Column($0.key).set(to: $0.value)
        }
    }
}

/// A record read a column its query did not select: a mistake in the store's code, reported as
/// a bare 500 like any other store error.
struct MissingColumn: Error, CustomStringConvertible {
    let name: String

    var description: String { "no column \(self.name) in the selected row" }
}
