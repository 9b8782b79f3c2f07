import PostgresNIO

/// Builds SQL with numbered placeholders: values only ever travel as binds.
///
/// A class, so that `sql.query("... \(sql.bind(value))")` sees the binds its own text adds.
final class PostgresSQL {
    private(set) var binds = PostgresBindings()

    /// Binds `value` and returns its placeholder (`$3`).
    func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        self.binds.append(value)
        return "$\(self.binds.count)"
    }

    /// Binds `value` or `NULL` and returns its placeholder.
    func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        self.binds.append(value)
        return "$\(self.binds.count)"
    }

    /// The query for `sql`, which must use only placeholders from this builder.
    func query(_ sql: String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: sql, binds: self.binds)
    }
}
