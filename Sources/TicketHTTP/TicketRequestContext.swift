public import Hummingbird
public import NIOCore
public import TicketCore

/// The per-request context of the ticket API: Hummingbird's core storage plus the
/// authenticated user and the request id.
public struct TicketRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, once ``AuthenticationMiddleware`` has verified their token.
    public var user: User?
    /// The session of the caller's token, set with ``user``.
    public var sessionID: Session.ID?
    /// The id echoed in `X-Request-Id` and every log line of this request.
    public var requestID: String
    /// The client that sent the request: the peer, or, behind trusted proxies, the client
    /// they name in `X-Forwarded-For` (resolved by `ClientAddressMiddleware`).
    public var peerAddress: ClientAddress?
    /// The connection the request came on (``ClientDepartures`` watches it).
    public let connection: any Channel
    /// What the per-address login limit counts for this client (see ``ClientAddress/throttleKey``).
    public var clientAddress: String? { self.peerAddress?.throttleKey }

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.user = nil
        self.sessionID = nil
        self.requestID = ""
        self.peerAddress = source.channel.remoteAddress.flatMap(ClientAddress.init)
        self.connection = source.channel
    }

    /// The authenticated caller; a 401 when the route was reached without one.
    public func requireUser() throws(TicketError) -> User {
        guard let user = self.user else { throw TicketError.unauthenticated() }
        return user
    }
}
