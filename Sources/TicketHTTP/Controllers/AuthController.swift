import Hummingbird
import TicketCore

/// `/auth`: registration, login and the caller's own account.
struct AuthController<Store: TicketStore> {
    let service: TicketService<Store>
    let tokens: TokenAuthority
    /// Cancels the password work of a client that left (the public routes are where an
    /// attacker can queue it by the hundred and hang up).
    let departures: ClientDepartures

    func addPublicRoutes(to group: RouterGroup<TicketRequestContext>) {
        group.post("register", use: self.register)
        group.post("login", use: self.login)
    }

    func addProtectedRoutes(to group: RouterGroup<TicketRequestContext>) {
        group.post("register/admin", use: self.registerWithRole)
        group.get("me", use: self.me)
        group.post("logout", use: self.logout)
        group.post("logout-all", use: self.logoutEverywhere)
    }

    @Sendable func register(_ request: Request, context: TicketRequestContext) async throws -> EditedResponse<UserBody> {
        let input = try await Self.registration(request)
        let clientAddress = context.clientAddress
        let user = try await self.departures.cancellingIfClientLeaves(connection: context.connection) {
            try await self.service.register(input, clientAddress: clientAddress)
        }
        return EditedResponse(status: .created, headers: [.location: "/users/\(user.id)"], response: UserBody(user))
    }

    @Sendable func registerWithRole(_ request: Request, context: TicketRequestContext) async throws -> EditedResponse<UserBody> {
        let input = try await Self.registration(request)
        let user = try await self.service.register(input, by: try context.requireUser())
        return EditedResponse(status: .created, headers: [.location: "/users/\(user.id)"], response: UserBody(user))
    }

    @Sendable func login(_ request: Request, context: TicketRequestContext) async throws -> LoginBody {
        var body = try await JSONObjectBody(request: request)
        let email = body.string("email")
        let password = body.string("password")
        try body.check()
        guard let email, let password else {
            var errors = FieldErrors()
            if email == nil { errors.add("email", "is required") }
            if password == nil { errors.add("password", "is required") }
            throw TicketError.validation(errors)
        }
        let clientAddress = context.clientAddress
        let user = try await self.departures.cancellingIfClientLeaves(connection: context.connection) {
            try await self.service.login(email: email, password: password, clientAddress: clientAddress)
        }
        let session = try await self.service.startSession(
            for: user, lasting: self.tokens.lifetime, userAgent: request.headers[.userAgent]
        )
        let issued = try await self.tokens.issue(for: user, session: session)
        return LoginBody(message: "welcome \(user.name) here is your token", token: issued.token, expiresAt: issued.expiresAt)
    }

    @Sendable func me(_ request: Request, context: TicketRequestContext) async throws -> UserBody {
        UserBody(caller: try context.requireUser())
    }

    /// Ends the caller's token (its session); their other sessions stay.
    @Sendable func logout(_ request: Request, context: TicketRequestContext) async throws -> Response {
        guard let session = context.sessionID else { throw TicketError.unauthenticated() }
        try await self.service.endSession(session, of: try context.requireUser())
        return Response(status: .noContent)
    }

    /// Ends every token of the caller, this one included.
    @Sendable func logoutEverywhere(_ request: Request, context: TicketRequestContext) async throws -> Response {
        try await self.service.endAllSessions(of: try context.requireUser())
        return Response(status: .noContent)
    }

    private static func registration(_ request: Request) async throws -> RegistrationInput {
        var body = try await JSONObjectBody(request: request)
        let input = RegistrationInput(
            name: body.string("name"), email: body.string("email"), password: body.string("password"), role: body.string("role")
        )
        try body.check()
        return input
    }
}
