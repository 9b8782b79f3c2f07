import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import TicketCore
import TicketHTTP

/// Sign-ins whose clients hung up are dropped before their password is checked: a hundred
/// abandoned logins no longer queue a hundred hashes in front of the real one.
@Suite("Clients that leave")
struct ClientDepartureTests {
    /// Five clients send a login and hang up while the first is being checked (held by a gate)
    /// and four wait for their turn: the four are dropped without a check, so a real login
    /// made next is the second check, not the sixth.
    @Test func abandonedLoginsAreDroppedBeforeTheirCheck() async throws {
        let hasher = GatedHasher()
        let service = TicketService(store: InMemoryTicketStore(), passwords: hasher, selfRegistration: .closed)
        _ = try await service.ensureAdmin(name: "Admin", email: "admin@example.com", password: "admin-password")
        let guards = ConnectionGuards()
        let router = buildTicketRouter(
            service: service, tokens: try await TokenAuthority(secret: "a-test-secret-of-sufficient-length"), clientDepartures: guards.departures
        )
        var logger = Logger(label: "client-departure-tests")
        logger.logLevel = .critical
        let application = Application(
            router: router, server: .http1(configuration: .init(additionalChannelHandlers: guards.handlers())),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger
        )
        try await application.test(.live) { client in
            let port = try #require(client.port)
            let body = #"{"email": "admin@example.com", "password": "wrong-password"}"#
            let login =
                "POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
            var abandoned: [Socket] = []
            for _ in 0..<5 {
                let socket = try Socket.connect(port: port)
                #expect(socket.send(login))
                abandoned.append(socket)
            }
            // One check runs (held at the gate), four wait.
            try await hasher.until { $0.started == 1 && hasher.queue.waitingCount == 4 }
            for socket in abandoned { socket.close() }
            // The four waiting are dropped as their clients leave.
            try await hasher.until { _ in hasher.queue.waitingCount == 0 }
            hasher.open()
            let response = try await client.execute(
                uri: "/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email": "admin@example.com", "password": "admin-password"}"#)
            )
            #expect(response.status == .ok)
            #expect(hasher.counts.started == 2, "checks run: the first abandoned one and the real one")
        }
    }
}

/// A password hasher whose checks wait at a gate, one at a time behind a ``PasswordWorkQueue``
/// with room for eight waiting, counting the checks that started.
private final class GatedHasher: PasswordHasher {
    struct Counts {
        var started = 0
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    let queue = PasswordWorkQueue(maxRunning: 1, maxWaiting: 8)
    private let state = Mutex(Counts())

    var counts: Counts { self.state.withLock { $0 } }
    var timingDummyHash: String { "plain:\u{1}" }

    func hash(_ password: String) async throws -> String { "plain:" + password }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await self.queue.run {
            await withCheckedContinuation { continuation in
                let passes = self.state.withLock { counts in
                    counts.started += 1
                    if !counts.open { counts.waiting.append(continuation) }
                    return counts.open
                }
                if passes { continuation.resume() }
            }
            return hash == "plain:" + password
        }
    }

    /// Lets every held check and every later one through.
    func open() {
        let held = self.state.withLock { counts in
            counts.open = true
            defer { counts.waiting = [] }
            return counts.waiting
        }
        for continuation in held { continuation.resume() }
    }

    /// Waits (up to 10 s) until `condition` holds.
    func until(_ condition: (Counts) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for _ in 0..<2000 where !condition(self.counts) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(condition(self.counts), "the condition did not come to hold", sourceLocation: sourceLocation)
    }
}
