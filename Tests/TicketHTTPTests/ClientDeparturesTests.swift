import NIOCore
import NIOEmbedded
import Synchronization
import Testing
import TicketCore

@testable import TicketHTTP

/// ``ClientDepartures`` on one connection: work runs while the client is there, and a client
/// that left, even before its request asked, gets its work refused without running it.
struct ClientDeparturesTests {
    // NIOAsyncTestingChannel, not EmbeddedChannel: an async test resumes on any thread, and an
    // EmbeddedChannel may only be used from the thread that made it.
    @Test func workOfAClientThatLeftIsNeverRun() async throws {
        let departures = ClientDepartures()
        let channel = try await Self.watchedConnection(departures)
        #expect(try await departures.cancellingIfClientLeaves(connection: channel) { 7 } == 7)
        // A connection no handler watches runs its work as it is.
        #expect(try await departures.cancellingIfClientLeaves(connection: NIOAsyncTestingChannel()) { 8 } == 8)

        // The client closes its side (the connection stays open for the answer) or hangs up.
        try await channel.testingEventLoop.executeInContext {
            channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        }
        let ran = Mutex(false)
        await #expect(throws: TicketError.self) {
            try await departures.cancellingIfClientLeaves(connection: channel) { ran.withLock { $0 = true } }
        }
        let closed = try await Self.watchedConnection(departures)
        try await closed.close()
        await #expect(throws: TicketError.self) {
            try await departures.cancellingIfClientLeaves(connection: closed) { ran.withLock { $0 = true } }
        }
        #expect(ran.withLock { $0 } == false)
    }

    /// A connected test channel whose departures `departures` watches.
    static func watchedConnection(_ departures: ClientDepartures) async throws -> NIOAsyncTestingChannel {
        let channel = NIOAsyncTestingChannel()
        try await channel.testingEventLoop.executeInContext {
            try channel.pipeline.syncOperations.addHandler(ClientDepartureHandler(departures: departures))
        }
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080))
        return channel
    }
}
