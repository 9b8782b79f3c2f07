import GRDB
public import TicketCore

extension SQLiteTicketStore {
    public func createComment(_ draft: NewComment, event: TicketEventDraft) async throws -> Comment {
        try await self.write { db in
            try CommentRecord(Comment(draft, id: Comment.ID(0))).insert(db)
            let id = Comment.ID(db.lastInsertedRowID)
            try TicketEventRecord.insert([event], ticketID: draft.ticketID, db)
            return try Self.writtenComment(id: id, db)
        }
    }

    public func comment(id: Comment.ID) async throws -> Comment? {
        try await self.readStatement { db in try Self.fetchComment(id: id, db) }
    }

    public func updateComment(_ comment: Comment, event: TicketEventDraft) async throws -> Comment {
        try await self.write { db in
            let changed = try CommentRecord.filter(CommentRecord.Columns.id == comment.id.rawValue)
                .updateAll(db, CommentRecord(comment).assignments(excluding: CommentRecord.unchangeable))
            guard changed == 1 else { throw TicketError.notFound("Comment") }
            try Self.refreshSearchedComments(of: comment.ticketID, db)
            try TicketEventRecord.insert([event], ticketID: comment.ticketID, db)
            return try Self.writtenComment(id: comment.id, db)
        }
    }

    public func deleteComment(_ comment: Comment, event: TicketEventDraft) async throws {
        try await self.write { db in
            try db.cachedStatement(literal: "DELETE FROM comments WHERE id = \(comment.id.rawValue)").execute()
            guard db.changesCount == 1 else { throw TicketError.notFound("Comment") }
            try Self.refreshSearchedComments(of: comment.ticketID, db)
            try TicketEventRecord.insert([event], ticketID: comment.ticketID, db)
        }
    }

    /// Rewrites the comment text of a ticket's search row after an edit or delete: the thread
    /// as ``SearchText/searchedComments(_:)`` cuts it, read oldest first only until the cut, so
    /// the cost does not grow with the thread. (New comments are appended by a trigger.)
    static func refreshSearchedComments(of ticketID: Ticket.ID, _ db: Database) throws {
        var contents: [String] = []
        var length = 0
        let thread = try String.fetchCursor(
            db.cachedStatement(sql: "SELECT content FROM comments WHERE ticket_id = ? ORDER BY id"), arguments: [ticketID.rawValue])
        while length < ValidationLimits.searchedCommentText, let content = try thread.next() {
            contents.append(content)
            length += content.unicodeScalars.count + 1
        }
        try db.cachedStatement(
            literal: "UPDATE ticket_search SET comments = \(SearchText.searchedComments(contents)) WHERE rowid = \(ticketID.rawValue)"
        ).execute()
    }

    public func comments(matching query: CommentQuery) async throws -> Page<Comment> {
        try await self.read { db in
            var conditions = ["1"]
            var arguments = StatementArguments()
            if let ticketID = query.ticketID {
                conditions.append("c.ticket_id = ?")
                arguments += [ticketID.rawValue]
            }
            if let author = query.authorID {
                conditions.append("c.user_id = ?")
                arguments += [author.rawValue]
            }
            if let viewer = query.visibleTo {
                let visible = SQLiteVisibility.commentCondition(visibleTo: viewer)
                conditions.append(visible.sql)
                arguments += visible.arguments
            }
            let whereClause = conditions.joined(separator: " AND ")
            let rows = try CommentRecord.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(CommentRecord.selection) FROM comments c WHERE \(whereClause) AND c.id > ? ORDER BY c.id LIMIT ?"),
                arguments: arguments + [query.page.after?.id ?? 0, query.page.limit + 1]
            )
            let total =
                try query.page.totalIfFirstPageHoldsAll(fetched: rows.count)
                ?? Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM comments c WHERE \(whereClause)"), arguments: arguments) ?? 0
            return Page(fetched: rows.map(\.comment), limit: query.page.limit, totalCount: total) {
                PageCursor(id: $0.id.rawValue)
            }
        }
    }

    public func history(of ticketID: Ticket.ID, page: PageRequest) async throws -> Page<TicketEvent> {
        try await self.read { db in
            let rows = try TicketEventRecord.fetchAll(
                db.cachedStatement(
                    sql: "SELECT \(TicketEventRecord.selection) FROM ticket_events e WHERE e.ticket_id = ? AND e.id > ? ORDER BY e.id LIMIT ?"),
                arguments: [ticketID.rawValue, page.after?.id ?? 0, page.limit + 1]
            )
            let total =
                try page.totalIfFirstPageHoldsAll(fetched: rows.count)
                ?? Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM ticket_events WHERE ticket_id = ?"), arguments: [ticketID.rawValue])
                ?? 0
            return Page(fetched: rows.map(\.event), limit: page.limit, totalCount: total) {
                PageCursor(id: $0.id.rawValue)
            }
        }
    }

    static func fetchComment(id: Comment.ID, _ db: Database) throws -> Comment? {
        try CommentRecord.fetchOne(
            db.cachedStatement(sql: "SELECT \(CommentRecord.selection) FROM comments c WHERE c.id = ?"), arguments: [id.rawValue])?
            .comment
    }

    /// The comment this transaction has just written, read back (see ``writtenTicket(id:_:)``).
    static func writtenComment(id: Comment.ID, _ db: Database) throws -> Comment {
        guard let comment = try Self.fetchComment(id: id, db) else { throw UnreadableRow(table: "comments", id: id.rawValue) }
        return comment
    }
}
