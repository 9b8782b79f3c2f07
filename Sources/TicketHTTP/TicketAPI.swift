import HTTPTypes
public import Hummingbird
public import TicketCore

/// Builds the ticket API's router: every route of docs/api.md over one ``TicketService``.
///
/// Middleware order: request id and log line outermost, then the security headers, the
/// client's address, problem+json error mapping and the `Host` check, then (on protected
/// routes) bearer-token authentication. Routes added to the router later (the web pages) pass
/// through the same middleware.
/// - Parameters:
///   - service: The core service the handlers call.
///   - tokens: Signs and verifies access tokens.
///   - trustedProxies: Reverse proxies whose `X-Forwarded-For` names the client (for the
///     per-address login limit); empty to trust none.
///   - allowedHosts: The `Host` names answered besides `localhost` and IP literals (421 for
///     others).
///   - clientDepartures: Where the server's connections report clients that left
///     (``ConnectionGuards/departures``): a sign-in or registration whose client left is
///     cancelled before its password work. Without it, nothing is cancelled.
public func buildTicketRouter<Store: TicketStore>(
    service: TicketService<Store>,
    tokens: TokenAuthority,
    trustedProxies: Set<ClientAddress> = [],
    allowedHosts: HostAllowList = HostAllowList(),
    clientDepartures: ClientDepartures = ClientDepartures()
) -> Router<TicketRequestContext> {
    let router = Router(context: TicketRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: trustedProxies))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: HostAllowListMiddleware(allowed: allowedHosts))

    OperationsController(service: service).addRoutes(to: router)
    let auth = AuthController(service: service, tokens: tokens, departures: clientDepartures)
    auth.addPublicRoutes(to: router.group("auth"))

    let protected = router.group().add(middleware: AuthenticationMiddleware(service: service, tokens: tokens))
    auth.addProtectedRoutes(to: protected.group("auth"))
    UsersController(service: service).addRoutes(to: protected.group("users"))
    TicketsController(service: service).addRoutes(to: protected.group("tickets"))
    CommentsController(service: service).addRoutes(to: protected.group("comments"))
    StatsController(service: service).addRoutes(to: protected.group("stats"))
    CategoriesController(service: service).addRoutes(to: protected.group("categories"))

    addMethodNotAllowedRoutes(to: router)
    return router
}

/// For each known path, answers the methods it does not serve with 405 and an `Allow` header.
private func addMethodNotAllowedRoutes(to router: Router<TicketRequestContext>) {
    let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .trace, .options, .query]
    let served = Dictionary(grouping: router.routes, by: { $0.path.description })
    for (path, routes) in served {
        let allowed = routes.map(\.method)
        let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
        for method in methods where !allowed.contains(method) {
            router.on(RouterPath(path), method: method) { _, _ -> Response in
                throw HTTPError(.methodNotAllowed, headers: [.allow: allow])
            }
        }
    }
}
