import Hummingbird
import TicketCore

/// `/tickets`: the queue, single tickets, updates, history and a ticket's comments.
struct TicketsController<Store: TicketStore> {
    let service: TicketService<Store>

    func addRoutes(to group: RouterGroup<TicketRequestContext>) {
        group.get(use: self.list)
        group.post(use: self.create)
        group.get("similar", use: self.similar)
        group.get("{id}", use: self.show)
        group.patch("{id}") { request, context in try await self.update(request, context, replace: false) }
        group.put("{id}") { request, context in try await self.update(request, context, replace: true) }
        group.delete("{id}", use: self.delete)
        group.get("{id}/history", use: self.history)
        group.get("{id}/comments", use: self.comments)
        group.post("{id}/comments", use: self.addComment)
    }

    @Sendable func list(_ request: Request, context: TicketRequestContext) async throws -> ListResponse<TicketBody> {
        let query = request.uri.formParameters
        let input = TicketListInput(
            status: query.getAll("status"),
            priority: query.getAll("priority"),
            assignedToID: query.get("assigned_to_id"),
            createdByID: query.get("created_by_id"),
            category: query.getAll("category"),
            q: query.get("q"),
            sort: query.get("sort"),
            page: query.pageInput
        )
        let page = try await self.service.listTickets(input, by: try context.requireUser())
        return ListResponse(page, transform: TicketBody.init)
    }

    @Sendable func create(_ request: Request, context: TicketRequestContext) async throws -> EditedResponse<TicketBody> {
        var body = try await JSONObjectBody(request: request)
        let input = TicketInput(
            title: body.string("title"), description: body.string("description"), priority: body.string("priority"),
            category: body.nullableString("category") ?? nil
        )
        try body.check()
        let details = try await self.service.createTicket(input, by: try context.requireUser())
        return EditedResponse(
            status: .created,
            headers: [.location: "/tickets/\(details.ticket.id)", .eTag: details.ticket.entityTag],
            response: TicketBody(details: details)
        )
    }

    @Sendable func similar(_ request: Request, context: TicketRequestContext) async throws -> JSONArrayResponse<SimilarTicketBody> {
        let query = request.uri.formParameters
        let similar = try await self.service.similarTickets(
            title: query.get("title"), description: query.get("description"), limit: query.get("limit"), by: try context.requireUser()
        )
        return JSONArrayResponse(items: similar.map(SimilarTicketBody.init))
    }

    @Sendable func show(_ request: Request, context: TicketRequestContext) async throws -> EditedResponse<TicketBody> {
        let details = try await self.service.ticket(try context.pathID(), by: try context.requireUser())
        return EditedResponse(headers: [.eTag: details.ticket.entityTag], response: TicketBody(details: details))
    }

    func update(_ request: Request, _ context: TicketRequestContext, replace: Bool) async throws -> EditedResponse<TicketBody> {
        var body = try await JSONObjectBody(request: request)
        let input = TicketChangesInput(
            title: body.string("title"),
            description: body.string("description"),
            priority: body.string("priority"),
            status: body.string("status"),
            assignedToID: body.nullableID("assigned_to_id", of: User.self),
            duplicateOfID: body.nullableID("duplicate_of_id", of: Ticket.self),
            category: body.nullableString("category"),
            isReplacement: replace
        )
        try body.check()
        let details = try await self.service.updateTicket(
            try context.pathID(), with: input, expectedVersion: try request.ifMatchVersion(), by: try context.requireUser()
        )
        return EditedResponse(headers: [.eTag: details.ticket.entityTag], response: TicketBody(details: details))
    }

    @Sendable func delete(_ request: Request, context: TicketRequestContext) async throws -> MessageBody {
        try await self.service.deleteTicket(try context.pathID(), by: try context.requireUser())
        return MessageBody(message: "Ticket deleted")
    }

    @Sendable func history(_ request: Request, context: TicketRequestContext) async throws -> ListResponse<HistoryEntryBody> {
        let page = try await self.service.history(of: try context.pathID(), page: request.pageInput, by: try context.requireUser())
        return ListResponse(page, transform: HistoryEntryBody.init)
    }

    @Sendable func comments(_ request: Request, context: TicketRequestContext) async throws -> ListResponse<CommentBody> {
        let page = try await self.service.listComments(
            ticketID: try context.pathID(), page: request.pageInput, by: try context.requireUser()
        )
        return ListResponse(page) { CommentBody($0, ticket: .title) }
    }

    @Sendable func addComment(_ request: Request, context: TicketRequestContext) async throws -> EditedResponse<CommentBody> {
        var body = try await JSONObjectBody(request: request)
        let content = body.string("content")
        try body.check()
        let ticketID: Ticket.ID = try context.pathID()
        let details = try await self.service.addComment(to: ticketID, content: content, by: try context.requireUser())
        return EditedResponse(status: .created, headers: [.location: "/comments/\(details.comment.id)"], response: CommentBody(details))
    }
}
