public import Hummingbird
public import TicketCore

/// The per-request context of the ticket API: Hummingbird's core storage plus the
/// authenticated user and the request id.
public struct TicketRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, once ``AuthenticationMiddleware`` has verified their token.
    public var user: User?
    /// The id echoed in `X-Request-Id` and every log line of this request.
    public var requestID: String
    /// The address of the client that sent the request: the peer's IP address, or, when the
    /// peer is a trusted proxy, the address it names in `X-Forwarded-For` (set by
    /// ``ClientAddressMiddleware``).
    public var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.user = nil
        self.requestID = ""
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The authenticated caller; a 401 when the route was reached without one.
    public func requireUser() throws(TicketError) -> User {
        guard let user = self.user else { throw TicketError.unauthenticated() }
        return user
    }
}
