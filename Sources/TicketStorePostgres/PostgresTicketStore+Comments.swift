import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    /// One statement, so one round trip and its own transaction: the ticket's row is locked (see
    /// ``lockForSearch(_:on:)``), the comment and its event are inserted, and the lock
    /// is held only while the statement runs and commits. (As a transaction of four statements,
    /// comments on one ticket queued for the lock through four round trips each.)
    public func createComment(_ draft: NewComment, event: TicketEventDraft) async throws -> Comment {
        try await self.run {
            let sql = PostgresSQL()
            var comment = PostgresColumnValues<CommentColumns>(sql)
            CommentColumns.write(Comment(draft, id: Comment.ID(0)), to: &comment)
            var history = PostgresColumnValues<TicketEventColumns>(sql)
            TicketEventColumns.write(event, ticketID: draft.ticketID, to: &history)
            let rows = try await self.client.query(
                sql.query(
                    """
                    WITH locked AS (
                        SELECT id FROM tickets WHERE id = \(sql.bind(draft.ticketID.rawValue)) FOR UPDATE
                    ), comment AS (
                        INSERT INTO comments \(comment.insertList(selectingFrom: "locked")) RETURNING \(CommentColumns.returning)
                    ), event AS (
                        INSERT INTO ticket_events \(history.insertList(selectingFrom: "comment"))
                    )
                    SELECT \(CommentColumns.returning) FROM comment
                    """
                ),
                logger: self.logger
            )
            guard let comment = try await Self.firstComment(rows) else { throw TicketError.notFound("Ticket") }
            return comment
        }
    }

    public func comment(id: Comment.ID) async throws -> Comment? {
        try await self.run {
            try await Self.firstComment(
                try await self.client.query(
                    "SELECT \(unescaped: CommentColumns.selection(of: "c")) FROM comments c WHERE c.id = \(id.rawValue)", logger: self.logger
                )
            )
        }
    }

    public func updateComment(_ comment: Comment, event: TicketEventDraft) async throws -> Comment {
        try await self.transaction { connection in
            try await self.lockForSearch(comment.ticketID, on: connection)
            var values = PostgresColumnValues<CommentColumns>(PostgresSQL(), excluding: CommentColumns.unchangeable)
            CommentColumns.write(comment, to: &values)
            let sql = values.sql
            let rows = try await connection.query(
                sql.query(
                    "UPDATE comments SET \(values.assignments) WHERE id = \(sql.bind(comment.id.rawValue)) RETURNING \(CommentColumns.returning)"
                ),
                logger: self.logger
            )
            guard let updated = try await Self.firstComment(rows) else { throw TicketError.notFound("Comment") }
            try await self.insert([event], ticketID: comment.ticketID, on: connection)
            return updated
        }
    }

    public func deleteComment(_ comment: Comment, event: TicketEventDraft) async throws {
        try await self.transaction { connection in
            try await self.lockForSearch(comment.ticketID, on: connection)
            let rows = try await connection.query("DELETE FROM comments WHERE id = \(comment.id.rawValue) RETURNING id", logger: self.logger)
            var deleted = false
            for try await _ in rows.decode(Int64.self) { deleted = true }
            guard deleted else { throw TicketError.notFound("Comment") }
            try await self.insert([event], ticketID: comment.ticketID, on: connection)
        }
    }

    public func comments(matching query: CommentQuery) async throws -> Page<Comment> {
        // The page and its total count come from one moment.
        try await self.snapshot { connection in
            let sql = PostgresSQL()
            let conditions = Self.filter(query, sql)
            let text = """
                SELECT \(CommentColumns.selection(of: "c")) FROM comments c
                WHERE \(conditions) AND c.id > \(sql.bind(query.page.after?.id ?? 0)) ORDER BY c.id LIMIT \(sql.bind(query.page.limit + 1))
                """
            let comments = try await connection.query(sql.query(text), logger: self.logger).collect { try CommentColumns.comment($0) }
            let total: Int
            if let complete = query.page.totalIfFirstPageHoldsAll(fetched: comments.count) {
                total = complete
            } else {
                let countSQL = PostgresSQL()
                total = try await self.count(countSQL.query("SELECT count(*) FROM comments c WHERE \(Self.filter(query, countSQL))"), on: connection)
            }
            return Page(fetched: comments, limit: query.page.limit, totalCount: total) { PageCursor(id: $0.id.rawValue) }
        }
    }

    public func history(of ticketID: Ticket.ID, page: PageRequest) async throws -> Page<TicketEvent> {
        // The page and its total count come from one moment.
        try await self.snapshot { connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: TicketEventColumns.selection(of: "e")) FROM ticket_events e
                WHERE e.ticket_id = \(ticketID.rawValue) AND e.id > \(page.after?.id ?? 0) ORDER BY e.id LIMIT \(page.limit + 1)
                """,
                logger: self.logger
            )
            let events = try await rows.collect { try TicketEventColumns.event($0) }
            let total: Int
            if let complete = page.totalIfFirstPageHoldsAll(fetched: events.count) {
                total = complete
            } else {
                total = try await self.count("SELECT count(*) FROM ticket_events WHERE ticket_id = \(ticketID.rawValue)", on: connection)
            }
            return Page(fetched: events, limit: page.limit, totalCount: total) { PageCursor(id: $0.id.rawValue) }
        }
    }

    /// Locks the ticket's row for the rest of the transaction, as every comment write does. An
    /// edit or a deletion rebuilds the ticket's search document from the thread as its statement
    /// sees it: without the lock, two writes at once could each rebuild it without the other's
    /// text. A new comment appends its text and the searched length kept on the row (migration
    /// v11): under the lock, comments get their ids in the order their texts are appended.
    private func lockForSearch(_ ticketID: Ticket.ID, on connection: PostgresConnection) async throws {
        try await connection.query("SELECT 1 FROM tickets WHERE id = \(ticketID.rawValue) FOR UPDATE", logger: self.logger)
    }

    static func filter(_ query: CommentQuery, _ sql: PostgresSQL) -> String {
        var conditions = ["true"]
        if let ticketID = query.ticketID {
            conditions.append("c.ticket_id = \(sql.bind(ticketID.rawValue))")
        }
        if let author = query.authorID {
            conditions.append("c.user_id = \(sql.bind(author.rawValue))")
        }
        if let viewer = query.visibleTo {
            conditions.append(PostgresVisibility.commentCondition(visibleTo: sql.bind(viewer.rawValue)))
        }
        return conditions.joined(separator: " AND ")
    }

    static func firstComment(_ rows: PostgresRowSequence) async throws -> Comment? {
        try await rows.collect { try CommentColumns.comment($0) }.first
    }
}
