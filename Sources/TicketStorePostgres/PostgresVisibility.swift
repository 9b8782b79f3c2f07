import TicketCore

/// Who may see a ticket (``TicketVisibility``: its creator, its assignee, or everyone for a role
/// with `can_view_all`) in the forms PostgreSQL's plans need. This is the one place the store
/// writes the rule; a scope of "everything" adds no condition, so every function here takes a
/// plain user's bound id (`viewer`, a placeholder from the caller's ``PostgresSQL``).
enum PostgresVisibility {
    /// A plain user's tickets for one list page, without an `OR`: "created by me" and "assigned
    /// to me" each walk their own index in `order`, `limit` rows each; the caller merges the
    /// union and cuts it to the page.
    static func ticketIDs(visibleTo viewer: String, where conditions: String, order: String, limit: String) -> String {
        """
        (SELECT t.id FROM tickets t WHERE t.created_by_id = \(viewer) AND \(conditions) \(order) LIMIT \(limit))
        UNION
        (SELECT t.id FROM tickets t WHERE t.assigned_to_id = \(viewer) AND \(conditions) \(order) LIMIT \(limit))
        """
    }

    /// `aggregate` over the rows of `table` (`tickets t` or `ticket_counts`) a plain user may see,
    /// without an `OR`: those they created plus those assigned to them that someone else created.
    static func aggregate(_ aggregate: String, from table: String, visibleTo viewer: String, where conditions: String) -> String {
        """
        (SELECT \(aggregate) FROM \(table) WHERE created_by_id = \(viewer) AND \(conditions))
        + (SELECT \(aggregate) FROM \(table) WHERE assigned_to_id = \(viewer) AND created_by_id <> \(viewer) AND \(conditions))
        """
    }

    /// The condition on a comment (`c`): its ticket is one the plain user may see.
    static func commentCondition(visibleTo viewer: String) -> String {
        "c.ticket_id IN (SELECT id FROM tickets WHERE created_by_id = \(viewer) UNION SELECT id FROM tickets WHERE assigned_to_id = \(viewer))"
    }

    /// The `viewer_id` of `ticket_lexeme_counts` for a scope: the user, or 0 for everything.
    static func lexemeCountsViewer(_ viewer: User.ID?) -> Int64 { viewer?.rawValue ?? 0 }
}
