import Foundation
import HTTPTypes
import Hummingbird
import TicketCore

/// Requires a valid `Authorization: Bearer` token and loads its user on every request, so a
/// deactivated user, a changed role or an ended session takes effect at once.
struct AuthenticationMiddleware<Store: TicketStore>: RouterMiddleware {
    typealias Context = TicketRequestContext
    let service: TicketService<Store>
    let tokens: TokenAuthority

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw TicketError.unauthenticated("A bearer token is required")
        }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        let bearer = try await self.tokens.verify(token)
        var context = context
        context.user = try await self.service.authenticate(
            userID: bearer.userID, sessionGeneration: bearer.sessionGeneration, session: bearer.sessionID
        )
        context.sessionID = bearer.sessionID
        return try await next(request, context)
    }
}
