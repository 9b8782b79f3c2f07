extension TicketService {
    /// `GET /comments` (and `/tickets/{id}/comments`): comments on tickets `actor` may see.
    /// - Parameters:
    ///   - ticketID: Only this ticket's comments; `nil` for comments on every ticket `actor` may see.
    ///   - input: The raw `limit` and `cursor`.
    ///   - actor: The signed-in caller.
    /// - Returns: A page of comments with their authors and tickets, oldest first.
    /// - Throws: ``TicketError/Kind/notFound`` when `ticketID` names a ticket that does not exist or that
    ///   `actor` may not see; ``TicketError/Kind/validation`` for a bad `limit` or `cursor`.
    public func listComments(ticketID: Ticket.ID?, page input: PageInput, by actor: User) async throws -> Page<CommentDetails> {
        if let ticketID { _ = try await self.visibleTicket(ticketID, by: actor) }
        let query = CommentQuery(
            ticketID: ticketID,
            visibleTo: TicketVisibility(of: actor).viewer,
            page: try input.parse(ordering: .id)
        )
        let page = try await self.store.comments(matching: query)
        async let people = self.people(page.items.map(\.authorID))
        async let tickets = self.store.tickets(ids: Set(page.items.map(\.ticketID)))
        let (authors, parents) = try await (people, tickets)
        return try page.map { comment in
            guard let author = authors[comment.authorID], let ticket = parents[comment.ticketID] else {
                throw TicketError.notFound("Comment")
            }
            return CommentDetails(comment: comment, author: author, ticket: ticket)
        }
    }

    /// `GET /comments/{id}`.
    /// - Parameters:
    ///   - id: The comment.
    ///   - actor: The signed-in caller.
    /// - Returns: The comment with its author and ticket.
    /// - Throws: ``TicketError/Kind/notFound`` when the comment does not exist or `actor` may not see its ticket.
    public func comment(_ id: Comment.ID, by actor: User) async throws -> CommentDetails {
        let (comment, ticket) = try await self.visibleComment(id, by: actor)
        return try await self.commentDetails(comment, ticket)
    }

    /// `POST /comments`: needs only visibility of the ticket.
    /// - Parameters:
    ///   - ticketID: The ticket to comment on.
    ///   - content: The text; trimmed, 1-20000 characters (``ValidationLimits/comment``).
    ///   - actor: The signed-in caller, who becomes the author.
    /// - Returns: The new comment with its author and ticket; a ``TicketEvent/Kind/commented`` event is recorded.
    /// - Throws: ``TicketError/Kind/validation`` when `content` is missing, blank, too long or holds control
    ///   characters; ``TicketError/Kind/notFound`` when the ticket does not exist or `actor` may not see it.
    public func addComment(to ticketID: Ticket.ID, content: String?, by actor: User) async throws -> CommentDetails {
        var check = Validator()
        let content = check.text(content, field: "content", limits: ValidationLimits.comment)
        try check.check()
        guard let content else { throw TicketError.invalidRequest("Invalid comment") }
        let ticket = try await self.visibleTicket(ticketID, by: actor)
        try TicketPolicy.authorize(.addComment(on: ticket), by: actor)
        let now = self.timestamp()
        let comment = try await self.store.createComment(
            NewComment(ticketID: ticketID, authorID: actor.id, content: content, createdAt: now),
            event: TicketEventDraft(kind: .commented, actorID: actor.id, at: now)
        )
        return CommentDetails(comment: comment, author: actor, ticket: ticket)
    }

    /// `PATCH`/`PUT /comments/{id}`: by the author or an editor. The same text again changes nothing.
    /// - Parameters:
    ///   - id: The comment.
    ///   - content: The new text; trimmed, 1-20000 characters.
    ///   - actor: The signed-in caller.
    /// - Returns: The comment as stored, with its author and ticket.
    /// - Throws: ``TicketError/Kind/validation`` for invalid `content`; ``TicketError/Kind/notFound`` when the
    ///   comment does not exist or `actor` may not see its ticket; ``TicketError/Kind/forbidden`` when
    ///   `actor` is neither its author nor allowed to edit every comment.
    public func updateComment(_ id: Comment.ID, content: String?, by actor: User) async throws -> CommentDetails {
        var check = Validator()
        let content = check.text(content, field: "content", limits: ValidationLimits.comment)
        try check.check()
        guard let content else { throw TicketError.invalidRequest("Invalid comment") }
        var (comment, ticket) = try await self.visibleComment(id, by: actor)
        try TicketPolicy.authorize(.editComment(comment, on: ticket), by: actor)
        guard content != comment.content else { return try await self.commentDetails(comment, ticket) }
        let now = self.timestamp()
        comment.content = content
        comment.updatedAt = now
        let stored = try await self.store.updateComment(
            comment,
            event: TicketEventDraft(kind: .commentEdited, actorID: actor.id, at: now, to: id.description)
        )
        return try await self.commentDetails(stored, ticket)
    }

    /// `DELETE /comments/{id}`: by the author or a deleter.
    /// - Parameters:
    ///   - id: The comment.
    ///   - actor: The signed-in caller.
    /// - Throws: ``TicketError/Kind/notFound`` when the comment does not exist or `actor` may not see its
    ///   ticket; ``TicketError/Kind/forbidden`` when `actor` is neither its author nor allowed to delete
    ///   every comment.
    public func deleteComment(_ id: Comment.ID, by actor: User) async throws {
        let (comment, ticket) = try await self.visibleComment(id, by: actor)
        try TicketPolicy.authorize(.deleteComment(comment, on: ticket), by: actor)
        try await self.store.deleteComment(
            comment,
            event: TicketEventDraft(kind: .commentDeleted, actorID: actor.id, at: self.timestamp(), from: id.description)
        )
    }

    private func visibleComment(_ id: Comment.ID, by actor: User) async throws -> (Comment, Ticket) {
        guard let comment = try await self.store.comment(id: id), let ticket = try await self.store.ticket(id: comment.ticketID)
        else { throw TicketError.notFound("Comment") }
        try TicketPolicy.authorize(.viewComment(comment, on: ticket), by: actor)
        return (comment, ticket)
    }

    private func commentDetails(_ comment: Comment, _ ticket: Ticket) async throws -> CommentDetails {
        guard let author = try await self.store.user(id: comment.authorID) else { throw TicketError.notFound("User") }
        return CommentDetails(comment: comment, author: author, ticket: ticket)
    }
}
