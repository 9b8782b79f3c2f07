import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import TicketCore
import TicketHTTP
import TicketTestSupport

@testable import TicketServer

@Suite("ticket-server")
struct TicketServerTests {
    /// The token secret given to servers on PostgreSQL, which refuse to start without one.
    static let postgresSecret = "a-postgres-test-secret-of-sufficient-length"

    /// A quiet configuration with a fast bcrypt (and on PostgreSQL a token secret).
    static func configuration(database: String) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.database = database
        if database.hasPrefix("postgres") { configuration.jwtSecret = Self.postgresSecret }
        configuration.bcryptCost = 4
        configuration.port = 0
        configuration.logLevel = .warning
        return configuration
    }

    /// Runs `body` with the URL of an empty database of `kind`, removed afterwards.
    static func withDatabase(_ kind: StoreKind, _ body: @escaping @Sendable (String) async throws -> Void) async throws {
        switch kind {
        case .sqlite:
            try await TestSQLite.withDirectory { directory in
                try await body("sqlite://" + directory.appendingPathComponent("tickets.sqlite").path)
            }
        case .postgres:
            try await TestPostgres.withDatabase(body)
        }
    }

    static func login(_ client: some TestClientProtocol, _ email: String, _ password: String) async throws -> (HTTPResponse.Status, String?) {
        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["email": email, "password": password]))
        let response = try await client.execute(uri: "/auth/login", method: .post, headers: [.contentType: "application/json"], body: body)
        let json = try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        return (response.status, json?["token"] as? String)
    }

    @Test(arguments: StoreKind.allCases)
    func firstStartCreatesOneAdminAndTokensSurviveRestarts(_ kind: StoreKind) async throws {
        try await Self.withDatabase(kind) { database in
            var configuration = Self.configuration(database: database)
            configuration.adminEmail = "boss@example.com"
            configuration.adminPassword = "boss-password"
            let token = try await TicketServer.withServer(configuration) { server in
                try await server.application.test(.router) { client in
                    let (status, issued) = try await Self.login(client, "boss@example.com", "boss-password")
                    #expect(status == .ok)
                    return issued
                }
            }
            // Restart with the same database: the admin is left as it is, the secret is reused.
            configuration.adminPassword = "another-password"
            try await TicketServer.withServer(configuration) { server in
                #expect(try await server.store.users(page: PageRequest()).totalCount == 1)
                try await server.application.test(.router) { client in
                    let me = try await client.execute(uri: "/auth/me", method: .get, headers: [.authorization: "Bearer \(try #require(token))"])
                    #expect(me.status == .ok)
                    #expect(try await Self.login(client, "boss@example.com", "boss-password").0 == .ok)
                    #expect(try await Self.login(client, "boss@example.com", "another-password").0 == .unauthorized)
                }
            }
        }
    }

    @Test func firstStartWithoutAdminCreatesAdminAtLocalhost() async throws {
        try await Self.withDatabase(.sqlite) { database in
            try await TicketServer.withServer(Self.configuration(database: database)) { server in
                let admin = try #require(try await server.store.credentials(email: "admin@localhost"))
                #expect(admin.user.role == .admin)
            }
            try await TicketServer.withServer(Self.configuration(database: database)) { server async throws in
                #expect(try await server.store.users(page: PageRequest()).totalCount == 1)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func demoDataLoadsOnce(_ kind: StoreKind) async throws {
        try await Self.withDatabase(kind) { database in
            var configuration = Self.configuration(database: database)
            configuration.loadDemoData = true
            try await TicketServer.withServer(configuration) { server in
                #expect(try await server.store.tickets(matching: TicketQuery()).totalCount == 6)
                #expect(try await server.store.comments(matching: CommentQuery()).totalCount == 6)
                // admin@localhost plus the five demo accounts.
                #expect(try await server.store.users(page: PageRequest()).totalCount == 6)
                try await server.application.test(.router) { client in
                    let (status, token) = try await Self.login(client, "john.doe@example.com", DemoData.password)
                    #expect(status == .ok)
                    let list = try await client.execute(uri: "/tickets", method: .get, headers: [.authorization: "Bearer \(token ?? "")"])
                    #expect(list.headers[HTTPField.Name("X-Total-Count")!] == "2")
                }
            }
            try await TicketServer.withServer(configuration) { server async throws in
                #expect(try await server.store.tickets(matching: TicketQuery()).totalCount == 6)
            }
        }
    }

    /// On port 0 the server listens where it can and writes that port to `--port-file`.
    @Test(arguments: StoreKind.allCases)
    func liveServerAnswersOverTCP(_ kind: StoreKind) async throws {
        try await Self.withDatabase(kind) { database in
            var configuration = Self.configuration(database: database)
            let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("ticket-server-\(UUID().uuidString).port").path
            defer { try? FileManager.default.removeItem(atPath: portFile) }
            configuration.portFile = portFile
            try await TicketServer.withServer(configuration) { server in
                try await server.application.test(.live) { client in
                    let health = try await client.execute(uri: "/health", method: .get)
                    #expect(health.status == .ok)
                    #expect(health.headers[HTTPField.Name("X-Request-Id")!] != nil)
                    let written = try String(contentsOfFile: portFile, encoding: .utf8)
                    #expect(written == "\(try #require(client.port))\n")
                }
            }
        }
    }

    /// The composed server serves the web pages beside the API: the page with its policy and
    /// validators, the API as before (no-store, problem+json for an unknown path).
    @Test func servesTheWebPagesBesideTheAPI() async throws {
        try await Self.withDatabase(.sqlite) { database in
            try await TicketServer.withServer(Self.configuration(database: database)) { server in
                try await server.application.test(.live) { client in
                    let page = try await client.execute(uri: "/", method: .get)
                    #expect(page.status == .ok)
                    #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(page.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
                    #expect(page.headers[.cacheControl] == "no-cache")
                    #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    let module = try await client.execute(uri: "/app/main.js", method: .get, headers: [.ifNoneMatch: page.headers[.eTag] ?? ""])
                    #expect(module.status == .ok)
                    let health = try await client.execute(uri: "/health", method: .get)
                    #expect(health.headers[.cacheControl] == "no-store")
                    #expect(health.headers[.contentSecurityPolicy] == nil)
                    let missing = try await client.execute(uri: "/app/nothing.js", method: .get)
                    #expect(missing.status == .notFound)
                    #expect(missing.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                }
            }
        }
    }

    /// Two servers on one PostgreSQL database, started together (migrations race for the
    /// advisory lock) and written to concurrently: every create gets its own id, and every
    /// ticket reads back through either server.
    @Test func twoServersShareOnePostgresDatabase() async throws {
        try await TestPostgres.withDatabase { database in
            var configuration = Self.configuration(database: database)
            configuration.adminEmail = "boss@example.com"
            configuration.adminPassword = "boss-password"
            let configured = configuration
            try await TicketServer.withServer(configured) { first in
                try await TicketServer.withServer(configured) { second in
                    try await first.application.test(.live) { one in
                        try await second.application.test(.live) { two in
                            try await Self.createConcurrently(through: [try #require(one.port), try #require(two.port)])
                        }
                    }
                }
            }
        }
    }

    /// Creates 40 tickets at once, alternating between the servers on `ports`, each request on a
    /// connection of its own (one test client pipelines its requests, which would serialize them
    /// and let a loaded machine's slowest answer time out the rest), then reads every ticket back
    /// through every server.
    static func createConcurrently(through ports: [Int]) async throws {
        let credentials = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["email": "boss@example.com", "password": "boss-password"]))
        let login = try await Self.withClient(port: ports[0]) { client in
            try await client.post("/auth/login", headers: [.contentType: "application/json"], body: credentials)
        }
        let token = try #require(try Self.json(login)["token"] as? String)
        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let ids = try await withThrowingTaskGroup(of: Int?.self) { group in
            for index in 0..<40 {
                let port = ports[index % ports.count]
                group.addTask {
                    let body = ["title": "Concurrent \(index)", "description": "Created through server \(index % 2 + 1)", "priority": "medium"]
                    let response = try await Self.withClient(port: port) { client in
                        try await client.post("/tickets", headers: auth, body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
                    }
                    #expect(response.head.status == .created)
                    return try Self.json(response)["id"] as? Int
                }
            }
            var ids: [Int] = []
            for try await id in group { ids.append(try #require(id)) }
            return ids
        }
        #expect(ids.count == 40)
        #expect(Set(ids).count == 40)
        for port in ports {
            try await Self.withClient(port: port) { client in
                for id in ids {
                    let response = try await client.get("/tickets/\(id)", headers: auth)
                    #expect(response.head.status == .ok, "ticket \(id)")
                }
            }
        }
    }

    /// A test client of its own on the local server at `port`, which waits up to two minutes for
    /// an answer: the servers under test share the machine with the rest of the suite.
    static func withClient<Value: Sendable>(port: Int, _ body: @escaping @Sendable (TestClient) async throws -> Value) async throws -> Value {
        try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120)), operation: body)
    }

    /// The JSON object of an answer's body (empty when it has none).
    static func json(_ response: TestClient.Response) throws -> [String: Any] {
        guard let body = response.body else { return [:] }
        return try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as? [String: Any] ?? [:]
    }

    @Test func unreachablePostgresIsAOneLineStartupError() async throws {
        var configuration = Self.configuration(database: "postgres://postgres@127.0.0.1:1/tickets")
        configuration.databaseConnectTimeout = .seconds(2)
        let configured = configuration
        await #expect(throws: StartupError.self) { try await TicketServer.withServer(configured) { _ in } }
    }

    @Test func databaseLocations() throws {
        #expect(try DatabaseLocation(parsing: "tickets.sqlite") == .sqlite(path: "tickets.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:///var/lib/tickets.db") == .sqlite(path: "/var/lib/tickets.db"))
        #expect(try DatabaseLocation(parsing: "sqlite://data/t.db") == .sqlite(path: "data/t.db"))
        #expect(try DatabaseLocation(parsing: "postgres://u:p@db:5433/t") == .postgres(url: "postgres://u:p@db:5433/t"))
        for bad in ["mysql://x", "sqlite://", "  ", "postgres://db/t", "postgres://u@db/"] {
            #expect(throws: StartupError.self, "\(bad)") { try DatabaseLocation(parsing: bad) }
        }
    }

    @Test func badStartupSettingsAreStartupErrors() async throws {
        try await Self.withDatabase(.sqlite) { database in
            var halfAdmin = Self.configuration(database: database)
            halfAdmin.adminEmail = "boss@example.com"
            let half = halfAdmin
            await #expect(throws: StartupError.self) { try await TicketServer.withServer(half) { _ in } }
            var shortSecret = Self.configuration(database: database)
            shortSecret.jwtSecret = "short"
            let short = shortSecret
            await #expect(throws: StartupError.self) { try await TicketServer.withServer(short) { _ in } }
        }
    }
}

@Suite("ticket-server generate")
struct GenerateCommandTests {
    @Test(arguments: StoreKind.allCases)
    func generatesRealisticTicketsOnBothStores(_ kind: StoreKind) async throws {
        try await TicketServerTests.withDatabase(kind) { database in
            let command = try GenerateCommand.parse([
                "--database", database, "--tickets", "700", "--staff", "5", "--technicians", "2", "--batch-size", "300",
            ])
            try await command.run()
            // A second run appends and reuses the accounts.
            try await GenerateCommand.parse(["--database", database, "--tickets", "50", "--staff", "5", "--technicians", "2"]).run()
            try await TicketServer.withServer(TicketServerTests.configuration(database: database)) { server in
                let tickets = try await server.store.tickets(matching: TicketQuery(page: PageRequest(limit: 200)))
                #expect(tickets.totalCount == 750)
                // 5 staff and 2 technicians (no admin@localhost: the database was not empty).
                #expect(try await server.store.users(page: PageRequest()).totalCount == 7)
                #expect(Set(tickets.items.map(\.status)).count >= 4)
                #expect(try await server.store.comments(matching: CommentQuery()).totalCount > 300)
                #expect(try await server.store.tickets(matching: TicketQuery(text: "printer")).totalCount > 0)
                try await server.application.test(.router) { client in
                    let (status, token) = try await TicketServerTests.login(client, "staff1@generated.example", DemoData.password)
                    #expect(status == .ok)
                    let similar = try await client.execute(
                        uri: "/tickets/similar?title=printer%20jams", method: .get, headers: [.authorization: "Bearer \(token ?? "")"]
                    )
                    #expect(similar.status == .ok)
                    #expect(String(buffer: similar.body).contains("\"score\""))
                }
            }
        }
    }

    @Test func sameSeedGivesSameTickets() {
        let ids = [User.ID(1), User.ID(2)]
        let now = Date()
        var a = TicketGenerator(seed: 7, staff: ids, technicians: ids, count: 10, start: now.addingTimeInterval(-1000), end: now)
        var b = TicketGenerator(seed: 7, staff: ids, technicians: ids, count: 10, start: now.addingTimeInterval(-1000), end: now)
        for index in 0..<10 {
            let (x, y) = (a.ticket(index), b.ticket(index))
            #expect(x.title == y.title && x.description == y.description && x.status == y.status && x.createdAt == y.createdAt)
        }
    }
}

extension TicketServerTests {
    /// The per-address limit, end to end over TCP: behind a trusted proxy, failed logins count
    /// for the client it names in X-Forwarded-For (the proxy's own address would lock out
    /// everyone).
    @Test func perAddressLimitFollowsTheTrustedProxy() async throws {
        try await Self.withDatabase(.sqlite) { database in
            var configuration = Self.configuration(database: database)
            configuration.loginFailuresPerAddress = 2
            configuration.trustedProxies = [try #require(ClientAddress("127.0.0.1"))]
            try await TicketServer.withServer(configuration) { server in
                try await server.application.test(.live) { client async throws in
                    func login(_ email: String, from address: String) async throws -> HTTPResponse.Status {
                        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["email": email, "password": "wrong-password"]))
                        return try await client.execute(
                            uri: "/auth/login", method: .post,
                            headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "203.0.113.9, \(address)"], body: body
                        ).status
                    }
                    #expect(try await login("a@example.com", from: "10.0.0.1") == .unauthorized)
                    #expect(try await login("b@example.com", from: "10.0.0.1") == .unauthorized)
                    #expect(try await login("c@example.com", from: "10.0.0.1") == .tooManyRequests)
                    #expect(try await login("d@example.com", from: "10.0.0.2") == .unauthorized)
                    // The client's own X-Forwarded-For entries (left of the proxy's) are ignored; a
                    // port the proxy wrote is dropped; an entry that is no address counts under the
                    // proxy that passed it on, so nonsense does not escape the limit.
                    #expect(try await login("e@example.com", from: "10.0.0.2, 10.0.0.1") == .tooManyRequests)
                    #expect(try await login("f@example.com", from: "10.0.0.1:4000") == .tooManyRequests)
                    #expect(try await login("g@example.com", from: "unknown") == .unauthorized)
                    #expect(try await login("h@example.com", from: "10.0.0.3, unknown") == .unauthorized)
                    #expect(try await login("i@example.com", from: "unknown") == .tooManyRequests)
                    #expect(try await login("j@example.com", from: "10.0.0.4") == .unauthorized)
                }
            }
        }
    }

    /// A connection that sends nothing is closed by the server after the idle timeout. (On a
    /// server of its own: a one-second timeout would also close the test client's connection
    /// between two slow requests on a busy machine.)
    @Test func idleConnectionsClose() async throws {
        try await Self.withDatabase(.sqlite) { database in
            var configuration = Self.configuration(database: database)
            configuration.idleTimeoutSeconds = 1
            try await TicketServer.withServer(configuration) { server in
                try await server.application.test(.live) { client in
                    let socket = try Socket.connect(port: try #require(client.port))
                    defer { socket.close() }
                    // The read waits for the server's close (and gives up after 15 s).
                    #expect(await socket.readReturnsEndOfFile(within: 15))
                }
            }
        }
    }
}

extension TicketServerTests {
    /// Slowloris: connections that trickle their headers are closed after the header deadline,
    /// and an address holding its share of connections cannot open more until one closes.
    @Test func slowHeadersAreCutOffAndConnectionsPerAddressCapped() async throws {
        try await Self.withDatabase(.sqlite) { database in
            var configuration = Self.configuration(database: database)
            configuration.headerTimeoutSeconds = 2
            configuration.maxConnectionsPerAddress = 3
            try await TicketServer.withServer(configuration) { server in
                try await server.application.test(.live) { client in
                    let port = try #require(client.port)
                    // Three connections from one address send half a request and stop.
                    let loopback = try #require(ClientAddress("127.0.0.2"))
                    var slow: [Socket] = []
                    defer { slow.forEach { $0.close() } }
                    for count in 1...3 {
                        let socket = try Socket.connect(port: port, from: "127.0.0.2")
                        slow.append(socket)
                        #expect(socket.send("GET /health HTTP/1.1\r\nHost: local"))
                        // The server takes connections on several threads: wait until it holds this one.
                        for _ in 0..<400 where server.connectionGuards.connections(from: loopback) < count {
                            try await Task.sleep(for: .milliseconds(5))
                        }
                        #expect(server.connectionGuards.connections(from: loopback) == count)
                    }
                    // A fourth from the same address is closed at once, unanswered; another address
                    // is served meanwhile.
                    let health = "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    let extra = try Socket.connect(port: port, from: "127.0.0.2")
                    defer { extra.close() }
                    #expect(await extra.exchange(health).isEmpty)
                    let neighbour = try Socket.connect(port: port, from: "127.0.0.3")
                    defer { neighbour.close() }
                    #expect(await neighbour.exchange(health).hasPrefix("HTTP/1.1 200 OK"))
                    // The deadline closes the slow ones (each read waits up to 4 s for it).
                    for socket in slow { #expect(await socket.readReturnsEndOfFile()) }
                    // Their slots are free again: a whole request is answered.
                    let fresh = try Socket.connect(port: port, from: "127.0.0.2")
                    defer { fresh.close() }
                    #expect(await fresh.exchange(health).hasPrefix("HTTP/1.1 200 OK"))
                }
            }
        }
    }
}

/// A blocking TCP client socket: enough to watch the server close an idle connection, and to
/// send requests no HTTP client library would (a `Host` of one's choosing).
struct Socket {
    let descriptor: Int32

    /// Connects to the server's `port` on 127.0.0.1, from the loopback address `source`
    /// (any of 127.0.0.0/8) when given.
    static func connect(port: Int, from source: String? = nil) throws -> Socket {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else { throw POSIXError(.EADDRNOTAVAIL) }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, result == 0 else { throw POSIXError(.ECONNREFUSED) }
        return Socket(descriptor: descriptor)
    }

    /// `true` when the peer has closed the connection (a read returns 0 bytes within 4 s).
    func readReturnsEndOfFile(within seconds: Int = 10) async -> Bool {
        await Self.onThreadOfItsOwn { self.blockingReadReturnsEndOfFile(within: seconds) }
    }

    /// Sends `request` as is and reads until the server closes the connection (or 5 s pass).
    func exchange(_ request: String) async -> String {
        await Self.onThreadOfItsOwn { self.blockingExchange(request) }
    }

    /// Runs blocking socket work on a thread of its own, so that a test waiting for a server
    /// never holds one of the few cooperative threads the servers under test need.
    private static func onThreadOfItsOwn<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }

    private func blockingReadReturnsEndOfFile(within seconds: Int) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(self.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return read(self.descriptor, &buffer, buffer.count) == 0
    }

    /// Writes `text`; `false` when the connection refused it.
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { write(self.descriptor, $0.baseAddress, $0.count) } == bytes.count
    }

    private func blockingExchange(_ request: String) -> String {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(self.descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard self.send(request) else { return "" }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(self.descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func close() { Glibc.close(self.descriptor) }
}
