import PostgresNIO

/// The values a write gives a table's columns, each bound as a parameter of ``sql`` as it is
/// set: the `INSERT` column and value lists and the `SET` list of an `UPDATE` are made from
/// them, so the columns a model writes are listed once, in its column enum's file.
struct PostgresColumnValues<Column: PostgresColumn> {
    /// The builder the values are bound in; the statement must be made from it.
    let sql: PostgresSQL
    /// Columns this write leaves out (an update's unchangeable ones): never bound.
    private let excluded: Set<Column>
    private var pairs: [(column: Column, placeholder: String)] = []

    init(_ sql: PostgresSQL, excluding excluded: Set<Column> = []) {
        self.sql = sql
        self.excluded = excluded
    }

    mutating func set(_ column: Column, _ value: some PostgresDynamicTypeEncodable) {
        guard !self.excluded.contains(column) else { return }
        self.pairs.append((column, self.sql.bind(value)))
    }

    mutating func set<Value: PostgresDynamicTypeEncodable>(_ column: Column, _ value: Value?) {
        guard !self.excluded.contains(column) else { return }
        self.pairs.append((column, self.sql.bind(value)))
    }

    /// `(title, description, ...) VALUES ($1, $2, ...)`.
    var insertList: String {
        "\(self.columnList) VALUES (\(self.placeholderList))"
    }

    /// `(ticket_id, content, ...) SELECT $1, $2, ... FROM relation`: an insert that happens
    /// once per row of `relation` (none when it is empty).
    func insertList(selectingFrom relation: String) -> String {
        "\(self.columnList) SELECT \(self.placeholderList) FROM \(relation)"
    }

    /// `(title, description, ...)`.
    private var columnList: String { "(\(self.pairs.map(\.column.rawValue).joined(separator: ", ")))" }

    /// `$1, $2, ...`.
    private var placeholderList: String { self.pairs.map(\.placeholder).joined(separator: ", ") }

    /// `title = $1, description = $2, ...`.
    var assignments: String {
        self.pairs.map { "\($0.column.rawValue) = \($0.placeholder)" }.joined(separator: ", ")
    }
}
