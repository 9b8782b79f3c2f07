import NIOConcurrencyHelpers
import NIOCore
import NIOHTTPTypes
import TicketCore

/// Which connections' clients have left: closed their side of the connection (or the
/// connection closed) while a request of theirs was still being answered. Hummingbird does not
/// cancel a request whose client left, so work queued for it (a password check, say) would run
/// for nobody; ``cancellingIfClientLeaves(connection:_:)`` cancels such work instead.
///
/// ``ConnectionGuards`` installs a ``ClientDepartureHandler`` on every connection, which reports
/// here; the request context names its connection (``TicketRequestContext/connection``).
public final class ClientDepartures: Sendable {
    private struct Connection {
        /// The connection itself while it exists: a request holds its channel, so an entry whose
        /// channel is gone belongs to no request (and its id may be another channel's later).
        weak var channel: (any Channel)?
        var left = false
        var watchers: [Int: AsyncStream<Never>.Continuation] = [:]
    }

    private struct State {
        var connections: [ObjectIdentifier: Connection] = [:]
        var nextWatcher = 0
    }

    private let state = NIOLockedValueBox(State())

    /// An empty registry.
    public init() {}

    /// Runs `operation`, cancelled as soon as the client of `connection` leaves; a client gone
    /// already (even before the request got here) gets it cancelled at once. A connection this
    /// registry does not watch (none of its handlers is installed, as in tests without a
    /// network) runs `operation` as it is.
    /// - Throws: What `operation` throws, or ``TicketError/Kind/busy`` when the client left first.
    func cancellingIfClientLeaves<T: Sendable>(
        connection: any Channel, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let id = ObjectIdentifier(connection)
        let (departure, continuation) = AsyncStream<Never>.makeStream()
        let watch = self.state.withLockedValue { state -> Watch in
            guard let entry = state.connections[id], entry.channel === connection else { return .unwatched }
            guard !entry.left else { return .gone }
            state.nextWatcher += 1
            state.connections[id]?.watchers[state.nextWatcher] = continuation
            return .watching(state.nextWatcher)
        }
        let watcher: Int
        switch watch {
        case .unwatched: return try await operation()
        case .gone: throw Self.clientLeft
        case .watching(let id): watcher = id
        }
        defer {
            self.state.withLockedValue { state in _ = state.connections[id]?.watchers.removeValue(forKey: watcher) }
            continuation.finish()
        }
        return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
            group.addTask {
                for await _ in departure {}
                return .clientLeft
            }
            group.addTask { .finished(try await operation()) }
            defer { group.cancelAll() }
            guard case .finished(let value) = try await group.next() else { throw Self.clientLeft }
            return value
        }
    }

    /// What a request of a client that left is answered (if anyone still reads it).
    private static let clientLeft = TicketError.busy("The connection closed before the request was answered", retryAfterSeconds: 1)

    private enum Watch {
        case unwatched
        case gone
        case watching(Int)
    }

    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case clientLeft
    }

    // MARK: Reports of ClientDepartureHandler

    /// A new connection; entries of connections that no longer exist are dropped.
    func opened(_ connection: any Channel) {
        self.state.withLockedValue { state in
            state.connections = state.connections.filter { $0.value.channel != nil }
            state.connections[ObjectIdentifier(connection)] = Connection(channel: connection)
        }
    }

    /// The client of `connection` closed its side, or the connection closed: its watchers end,
    /// and so does any request that asks later.
    func clientLeft(_ connection: ObjectIdentifier) {
        let watchers = self.state.withLockedValue { state -> [AsyncStream<Never>.Continuation] in
            guard var entry = state.connections[connection] else { return [] }
            entry.left = true
            let watchers = Array(entry.watchers.values)
            entry.watchers = [:]
            state.connections[connection] = entry
            return watchers
        }
        for watcher in watchers { watcher.finish() }
    }
}

/// Reports a connection's client leaving to ``ClientDepartures``: the end of its input (it
/// closed its side) or the end of the connection.
final class ClientDepartureHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let departures: ClientDepartures

    init(departures: ClientDepartures) {
        self.departures = departures
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.departures.opened(context.channel)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { self.left(context) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.left(context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.left(context)
    }

    private func left(_ context: ChannelHandlerContext) {
        self.departures.clientLeft(ObjectIdentifier(context.channel))
    }
}
