import Hummingbird
import TicketCore

/// `/comments`: comments across the tickets the caller may see.
struct CommentsController<Store: TicketStore> {
    let service: TicketService<Store>

    func addRoutes(to group: RouterGroup<TicketRequestContext>) {
        group.get(use: self.list)
        group.post(use: self.create)
        group.get("{id}", use: self.show)
        group.patch("{id}", use: self.update)
        group.put("{id}", use: self.update)
        group.delete("{id}", use: self.delete)
    }

    @Sendable func list(_ request: Request, context: TicketRequestContext) async throws -> ListResponse<CommentBody> {
        let query = request.uri.formParameters
        var ticketID: Ticket.ID?
        if let raw = query.get("ticket_id") {
            guard let value = Int64(raw), value > 0 else {
                var errors = FieldErrors()
                errors.add("ticket_id", "must be a positive integer id")
                throw TicketError.validation(errors)
            }
            ticketID = Ticket.ID(value)
        }
        let page = try await self.service.listComments(ticketID: ticketID, page: query.pageInput, by: try context.requireUser())
        return ListResponse(page) { CommentBody($0, ticket: .title) }
    }

    @Sendable func show(_ request: Request, context: TicketRequestContext) async throws -> CommentBody {
        CommentBody(try await self.service.comment(try context.pathID(), by: try context.requireUser()))
    }

    @Sendable func create(_ request: Request, context: TicketRequestContext) async throws -> EditedResponse<CommentBody> {
        var body = try await JSONObjectBody(request: request)
        let ticketID = body.id("ticket_id", of: Ticket.self)
        let content = body.string("content")
        try body.check()
        guard let ticketID else { throw TicketError.invalidRequest("ticket_id is required") }
        let details = try await self.service.addComment(to: ticketID, content: content, by: try context.requireUser())
        return EditedResponse(status: .created, headers: [.location: "/comments/\(details.comment.id)"], response: CommentBody(details))
    }

    @Sendable func update(_ request: Request, context: TicketRequestContext) async throws -> CommentBody {
        var body = try await JSONObjectBody(request: request)
        let content = body.string("content")
        try body.check()
        return CommentBody(try await self.service.updateComment(try context.pathID(), content: content, by: try context.requireUser()))
    }

    @Sendable func delete(_ request: Request, context: TicketRequestContext) async throws -> MessageBody {
        try await self.service.deleteComment(try context.pathID(), by: try context.requireUser())
        return MessageBody(message: "Comment deleted")
    }
}
