import GRDB
import TicketCore

/// Who may see a ticket (``TicketVisibility``: its creator, its assignee, or everyone for a role
/// with `can_view_all`) in the forms SQLite's plans need. This is the one place the store writes
/// the rule; a scope of "everything" adds no condition, so every function here takes a plain
/// user's id.
enum SQLiteVisibility {
    /// A plain user's tickets for one list page, without an `OR`: "created by me" and "assigned
    /// to me" each walk their own index. `half` gives the ordered, limited query of one half from
    /// the column it restricts (first placeholder: the viewer; then `halfArguments`); the caller
    /// merges the union and cuts it to the page.
    static func ticketIDs(
        visibleTo viewer: User.ID, half: (String) -> String, halfArguments: StatementArguments
    ) -> (sql: String, arguments: StatementArguments) {
        var arguments = StatementArguments()
        for _ in 0..<2 {
            arguments += [viewer.rawValue]
            arguments += halfArguments
        }
        return ("SELECT id FROM (\(half("created_by_id"))) UNION SELECT id FROM (\(half("assigned_to_id")))", arguments)
    }

    /// `aggregate` over the rows of `table` (a counts table, see ``TicketFilterRelation``) a plain user may
    /// see, without an `OR`: those they created plus those assigned to them that someone else
    /// created.
    static func aggregate(
        _ aggregate: String, from table: String, visibleTo viewer: User.ID, where filter: String, _ filterArguments: StatementArguments
    ) -> (sql: String, arguments: StatementArguments) {
        let sql = """
            SELECT (SELECT \(aggregate) FROM \(table) WHERE created_by_id = ? AND \(filter))
                 + (SELECT \(aggregate) FROM \(table) WHERE assigned_to_id = ? AND created_by_id <> ? AND \(filter))
            """
        return (sql, [viewer.rawValue] + filterArguments + [viewer.rawValue, viewer.rawValue] + filterArguments)
    }

    /// The condition on a comment (`c`): its ticket is one the plain user may see.
    static func commentCondition(visibleTo viewer: User.ID) -> (sql: String, arguments: StatementArguments) {
        (
            "c.ticket_id IN (SELECT id FROM tickets WHERE created_by_id = ? UNION SELECT id FROM tickets WHERE assigned_to_id = ?)",
            [viewer.rawValue, viewer.rawValue]
        )
    }

    /// The FTS5 condition of `ticket_search` holding a plain user's viewer token: the `viewers`
    /// column names `viewer<creator> viewer<assignee>` (see the v8 migration).
    static func searchToken(visibleTo viewer: User.ID) -> String {
        "viewers : \"viewer\(viewer.rawValue)\""
    }
}
