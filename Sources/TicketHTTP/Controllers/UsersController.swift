import Hummingbird
import TicketCore

/// `/users`: the directory, profiles, updates and deactivation.
struct UsersController<Store: TicketStore> {
    let service: TicketService<Store>

    func addRoutes(to group: RouterGroup<TicketRequestContext>) {
        group.get(use: self.list)
        group.get("{id}", use: self.show)
        group.patch("{id}") { request, context in try await self.update(request, context, replace: false) }
        group.put("{id}") { request, context in try await self.update(request, context, replace: true) }
        group.delete("{id}", use: self.deactivate)
    }

    @Sendable func list(_ request: Request, context: TicketRequestContext) async throws -> ListResponse<UserBody> {
        let page = try await self.service.listUsers(by: try context.requireUser(), page: request.pageInput)
        return ListResponse(page) { UserBody($0) }
    }

    @Sendable func show(_ request: Request, context: TicketRequestContext) async throws -> UserBody {
        UserBody(try await self.service.profile(of: try context.pathID(), by: try context.requireUser()))
    }

    func update(_ request: Request, _ context: TicketRequestContext, replace: Bool) async throws -> UserBody {
        var body = try await JSONObjectBody(request: request)
        let input = UserChangesInput(
            name: body.string("name"), email: body.string("email"), password: body.string("password"),
            role: body.string("role"), active: body.bool("active"), currentPassword: body.string("current_password"),
            isReplacement: replace
        )
        try body.check()
        return UserBody(try await self.service.updateUser(try context.pathID(), with: input, by: try context.requireUser()))
    }

    @Sendable func deactivate(_ request: Request, context: TicketRequestContext) async throws -> MessageBody {
        try await self.service.deactivateUser(try context.pathID(), by: try context.requireUser())
        return MessageBody(message: "User deactivated")
    }
}
