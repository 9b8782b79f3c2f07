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
    /// already gets it cancelled at once. A connection this registry does not know (none of
    /// its handlers watches it, as in tests without a network) runs `operation` as it is.
    /// - Throws: What `operation` throws, or ``TicketError/Kind/busy`` when the client left first.
    func cancellingIfClientLeaves<T: Sendable>(
        connection: ObjectIdentifier, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let (departure, continuation) = AsyncStream<Never>.makeStream()
        let watcher = self.state.withLockedValue { state -> Int? in
            guard state.connections[connection] != nil else { return nil }
            state.nextWatcher += 1
            if state.connections[connection]?.left == true {
                continuation.finish()
            } else {
                state.connections[connection]?.watchers[state.nextWatcher] = continuation
            }
            return state.nextWatcher
        }
        guard let watcher else { return try await operation() }
        defer {
            self.state.withLockedValue { state in _ = state.connections[connection]?.watchers.removeValue(forKey: watcher) }
            continuation.finish()
        }
        return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
            group.addTask {
                for await _ in departure {}
                return .clientLeft
            }
            group.addTask { .finished(try await operation()) }
            defer { group.cancelAll() }
            guard case .finished(let value) = try await group.next() else {
                throw TicketError.busy("The connection closed before the request was answered", retryAfterSeconds: 1)
            }
            return value
        }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case clientLeft
    }

    // MARK: Reports of ClientDepartureHandler

    func opened(_ connection: ObjectIdentifier) {
        self.state.withLockedValue { state in state.connections[connection] = Connection() }
    }

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

    func closed(_ connection: ObjectIdentifier) {
        self.clientLeft(connection)
        self.state.withLockedValue { state in _ = state.connections.removeValue(forKey: connection) }
    }
}

/// Reports a connection's client leaving to ``ClientDepartures``: the end of its input (it
/// closed its side) or the end of the connection.
final class ClientDepartureHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let departures: ClientDepartures
    private var connection: ObjectIdentifier?

    init(departures: ClientDepartures) {
        self.departures = departures
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let connection = ObjectIdentifier(context.channel)
        self.connection = connection
        self.departures.opened(connection)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed, let connection = self.connection {
            self.departures.clientLeft(connection)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.forget()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.forget()
    }

    private func forget() {
        if let connection = self.connection { self.departures.closed(connection) }
        self.connection = nil
    }
}
