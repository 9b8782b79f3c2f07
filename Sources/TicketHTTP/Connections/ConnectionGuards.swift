import NIOConcurrencyHelpers
public import NIOCore
import NIOHTTPTypes

/// Per-connection protections of an HTTP/1 server against clients that hold connections
/// without using them (slowloris): a deadline for each request's headers, and a cap on the
/// connections one client address holds at once; and the report of clients that left
/// (``departures``), so their queued password work is dropped. Hand ``handlers()`` to Hummingbird's
/// `HTTP1Channel.Configuration(additionalChannelHandlers:)`; it is called once per connection.
public struct ConnectionGuards: Sendable {
    /// How long a client has to send a request's whole header block, from the moment the
    /// connection opens or the previous response ends.
    public let headerDeadline: TimeAmount
    /// Connections one client address may hold at once.
    public let maxConnectionsPerAddress: Int
    /// The clients that left their connections, for ``buildTicketRouter(service:tokens:trustedProxies:allowedHosts:clientDepartures:)``.
    public let departures = ClientDepartures()
    private let slots: AddressSlots

    /// Creates the guards.
    /// - Parameters:
    ///   - headerDeadline: The header-read deadline (10 seconds by default).
    ///   - maxConnectionsPerAddress: The per-address cap (32 by default: a browser opens 6 per
    ///     site).
    ///   - exempt: Addresses without a cap (trusted reverse proxies, which carry everyone).
    public init(headerDeadline: TimeAmount = .seconds(10), maxConnectionsPerAddress: Int = 32, exempt: Set<ClientAddress> = []) {
        self.headerDeadline = headerDeadline
        self.maxConnectionsPerAddress = maxConnectionsPerAddress
        self.slots = AddressSlots(limit: maxConnectionsPerAddress, exempt: exempt)
    }

    /// The connections `address` holds now (0 for an exempt one).
    public func connections(from address: ClientAddress) -> Int {
        self.slots.held(by: address)
    }

    /// The handlers for one new connection.
    public func handlers() -> [any RemovableChannelHandler] {
        [
            ConnectionsPerAddressHandler(slots: self.slots), HeaderDeadlineHandler(deadline: self.headerDeadline),
            ClientDepartureHandler(departures: self.departures),
        ]
    }
}

/// The connections each client address holds, shared by every connection of the server.
private struct AddressSlots: Sendable {
    let limit: Int
    let exempt: Set<ClientAddress>
    /// Connections held, by ``ClientAddress/throttleKey`` (an IPv6 client by its /64, which it
    /// could otherwise walk through).
    private let counts = NIOLockedValueBox<[String: Int]>([:])

    init(limit: Int, exempt: Set<ClientAddress>) {
        self.limit = limit
        self.exempt = exempt
    }

    /// Takes a slot for `address`; `false` when it holds `limit` already.
    func acquire(_ address: ClientAddress) -> Bool {
        if self.exempt.contains(address) { return true }
        return self.counts.withLockedValue { counts in
            let held = counts[address.throttleKey, default: 0]
            guard held < self.limit else { return false }
            counts[address.throttleKey] = held + 1
            return true
        }
    }

    func held(by address: ClientAddress) -> Int {
        self.counts.withLockedValue { $0[address.throttleKey, default: 0] }
    }

    func release(_ address: ClientAddress) {
        if self.exempt.contains(address) { return }
        self.counts.withLockedValue { counts in
            let held = counts[address.throttleKey, default: 1] - 1
            counts[address.throttleKey] = held > 0 ? held : nil
        }
    }
}

/// Closes a new connection at once when its client address already holds its share.
private final class ConnectionsPerAddressHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    /// Whether the connection has been counted yet, and how.
    private enum Admission {
        case pending
        /// Admitted, holding a slot of this address (none for a peer with no IP address).
        case admitted(holding: ClientAddress?)
        case refused
    }

    private let slots: AddressSlots
    private var admission = Admission.pending

    init(slots: AddressSlots) {
        self.slots = slots
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { _ = self.admits(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        // A refused connection is closed here: the handlers after this one never see it open.
        if self.admits(context) { context.fireChannelActive() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.release()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.release()
    }

    /// Takes the connection's slot the first time it is asked; `false` (and the connection
    /// closed) when its address holds its share already.
    private func admits(_ context: ChannelHandlerContext) -> Bool {
        switch self.admission {
        case .admitted: return true
        case .refused: return false
        case .pending: break
        }
        let address = context.channel.remoteAddress.flatMap(ClientAddress.init)
        guard address.map(self.slots.acquire) ?? true else {
            self.admission = .refused
            context.close(promise: nil)
            return false
        }
        self.admission = .admitted(holding: address)
        return true
    }

    private func release() {
        if case .admitted(let held?) = self.admission { self.slots.release(held) }
        self.admission = .admitted(holding: nil)
    }
}

/// Closes a connection whose request headers have not all arrived within the deadline, counted
/// from when it opened or from the end of the previous response. (The idle timeout alone lets
/// a client that trickles header bytes hold a connection for as long as it likes.)
private final class HeaderDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let deadline: TimeAmount
    private var timer: Scheduled<Void>?
    /// Requests whose head has arrived and whose response has not ended.
    private var inFlight = 0

    init(deadline: TimeAmount) {
        self.deadline = deadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.arm(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = self.unwrapInboundIn(data) {
            self.inFlight += 1
            self.timer?.cancel()
            self.timer = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = self.unwrapOutboundIn(data) {
            self.inFlight = max(0, self.inFlight - 1)
            if self.inFlight == 0 { self.arm(context) }
        }
        context.write(data, promise: promise)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.disarm()
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard self.timer == nil else { return }
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(in: self.deadline) {
            context.close(promise: nil)
        }
    }

    private func disarm() {
        self.timer?.cancel()
        self.timer = nil
    }
}
