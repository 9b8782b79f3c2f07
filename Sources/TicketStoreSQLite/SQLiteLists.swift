/// Lists bound as statement arguments.
enum SQLiteLists {
    /// A list of ids bound as one JSON array (``idList(_:)``), as a table `wanted` to join on
    /// `wanted.value`: one statement text for any number of ids, so cached statements do not
    /// multiply with them. (A join rather than `IN (SELECT ...)`, for which SQLite builds a
    /// temporary index per statement, which cost more than the lookups.)
    static let idList = "json_each(?) AS wanted"

    /// Ids as the JSON array ``idList`` reads, each once (a join would repeat a repeated id).
    static func idList(_ ids: some Sequence<Int64>) -> String {
        var seen: Set<Int64> = []
        return "[" + ids.filter { seen.insert($0).inserted }.map(String.init).joined(separator: ",") + "]"
    }

    /// `?, ?, ?` for an `IN` list.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
