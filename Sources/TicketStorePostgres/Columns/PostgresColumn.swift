import Foundation
import PostgresNIO
import TicketCore

/// A table's columns, declared once as an enum: the select list, the `RETURNING` list and the
/// JSON object of a row are made from its cases, and rows are read by their names (through a
/// ``PostgresColumnReader``), so a column added to the enum is selected and read everywhere.
protocol PostgresColumn: RawRepresentable<String>, CaseIterable, Hashable {
    /// Whether the column is a `timestamptz` (carried in JSON as milliseconds since 1970).
    var isTime: Bool { get }
    /// The name the column is selected under (its own unless a join would repeat it).
    var selectedName: String { get }
}

extension PostgresColumn {
    var selectedName: String { self.rawValue }

    /// `t.id, t.title, ...`: every column of the table called `alias`, or only `columns`.
    static func selection(of alias: String, only columns: [Self] = Array(Self.allCases)) -> String {
        columns.map { column in
            let name = "\(alias).\(column.rawValue)"
            return column.selectedName == column.rawValue ? name : "\(name) AS \(column.selectedName)"
        }
        .joined(separator: ", ")
    }

    /// `id, title, ...`: every column, for `RETURNING`.
    static var returning: String {
        Self.allCases.map(\.selectedName).joined(separator: ", ")
    }

    /// The pairs of `json_build_object` for every column of the table called `alias` but
    /// `excluded`, with times as milliseconds since 1970 (read back by ``PostgresJSONRow``).
    static func jsonPairs(of alias: String, excluding excluded: [Self] = []) -> String {
        Self.allCases.filter { !excluded.contains($0) }.map { column in
            let value = "\(alias).\(column.rawValue)"
            return "'\(column.selectedName)', " + (column.isTime ? "(extract(epoch FROM \(value)) * 1000)::int8" : value)
        }
        .joined(separator: ", ")
    }

    /// One row of the table called `alias` as a JSON object.
    static func json(of alias: String) -> String {
        "json_build_object(\(Self.jsonPairs(of: alias)))"
    }
}

/// Reads a row's columns by name, from a result row or from a row carried as JSON, so each
/// model has one decoder for both.
protocol PostgresColumnReader {
    /// The value of `column`; throws ``MissingColumn`` when the row does not have it.
    func value<Value: PostgresDecodable & Decodable>(_ column: some PostgresColumn, as type: Value.Type) throws -> Value
    /// A `timestamptz` column, to the millisecond.
    func time(_ column: some PostgresColumn) throws -> Date
    /// A `timestamptz` column that may be `NULL`, to the millisecond.
    func optionalTime(_ column: some PostgresColumn) throws -> Date?
}

extension PostgresColumnReader {
    /// The value of `column`, of the type the caller asks for.
    func value<Value: PostgresDecodable & Decodable>(_ column: some PostgresColumn) throws -> Value {
        try self.value(column, as: Value.self)
    }
}

/// A result row read by column name.
struct PostgresResultRow: PostgresColumnReader {
    private let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    func value<Value: PostgresDecodable & Decodable>(_ column: some PostgresColumn, as type: Value.Type) throws -> Value {
        try self.value(named: column.selectedName, as: type)
    }

    /// The value of the column called `name` (for rows that are no table's, such as sums).
    func value<Value: PostgresDecodable>(named name: String, as type: Value.Type = Value.self) throws -> Value {
        guard self.row.contains(name) else { throw MissingColumn(name: name) }
        return try self.row[name].decode(Value.self)
    }

    func time(_ column: some PostgresColumn) throws -> Date {
        try self.value(column, as: Date.self).atMilliseconds
    }

    func optionalTime(_ column: some PostgresColumn) throws -> Date? {
        try self.value(column, as: Date?.self)?.atMilliseconds
    }
}

/// A row carried as a JSON object (``PostgresColumn/json(of:)``) inside a result, for statements
/// that read several kinds of rows in one round trip (a round trip costs the server more than
/// the reads it carries).
struct PostgresJSONRow: PostgresColumnReader, Decodable {
    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private let container: KeyedDecodingContainer<Key>

    init(from decoder: any Decoder) throws {
        self.container = try decoder.container(keyedBy: Key.self)
    }

    func value<Value: PostgresDecodable & Decodable>(_ column: some PostgresColumn, as type: Value.Type) throws -> Value {
        let key = Key(stringValue: column.selectedName)
        guard self.container.contains(key) else { throw MissingColumn(name: column.selectedName) }
        return try self.container.decode(Value.self, forKey: key)
    }

    func time(_ column: some PostgresColumn) throws -> Date {
        Date(millisecondsSince1970: try self.value(column, as: Int64.self))
    }

    func optionalTime(_ column: some PostgresColumn) throws -> Date? {
        try self.value(column, as: Int64?.self).map(Date.init(millisecondsSince1970:))
    }
}

/// A store's query read a column it did not select: a mistake in the store's code, reported as
/// a bare 500 like any other store error.
struct MissingColumn: Error, CustomStringConvertible {
    let name: String

    var description: String { "no column \(self.name) in the selected row" }
}

extension PostgresRowSequence {
    /// Every row, read by column name.
    func collect<Value>(_ read: (PostgresResultRow) throws -> Value) async throws -> [Value] {
        var values: [Value] = []
        for try await row in self { values.append(try read(PostgresResultRow(row))) }
        return values
    }
}
