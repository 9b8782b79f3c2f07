import Foundation
import HTTPTypes
import Hummingbird
import Logging
import HummingbirdTesting
import NIOCore
import TicketCore
import TicketStoreSQLite
@testable import TicketServer
import Testing

@Suite("ticket-server")
struct TicketServerTests {
    /// A configuration over a fresh SQLite file in a temporary directory.
    static func configuration(_ directory: URL) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.database = "sqlite://" + directory.appendingPathComponent("tickets.sqlite").path
        configuration.bcryptCost = 4
        configuration.port = 0
        configuration.logLevel = .warning
        return configuration
    }

    static func withTemporaryDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticket-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    static func login(_ client: some TestClientProtocol, _ email: String, _ password: String) async throws -> (HTTPResponse.Status, String?) {
        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["email": email, "password": password]))
        let response = try await client.execute(uri: "/auth/login", method: .post, headers: [.contentType: "application/json"], body: body)
        let json = try? JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
        return (response.status, json?["token"] as? String)
    }

    @Test func firstStartCreatesOneAdminAndTokensSurviveRestarts() async throws {
        try await Self.withTemporaryDirectory { directory in
            var configuration = Self.configuration(directory)
            configuration.adminEmail = "boss@example.com"
            configuration.adminPassword = "boss-password"
            let first = try await TicketServer(configuration: configuration)
            let token = try await first.application.test(.router) { client in
                let (status, issued) = try await Self.login(client, "boss@example.com", "boss-password")
                #expect(status == .ok)
                return issued
            }
            try first.store.close()

            // Restart with the same configuration: the admin is left as it is, the secret is reused.
            configuration.adminPassword = "another-password"
            let second = try await TicketServer(configuration: configuration)
            #expect(try await second.store.users(page: PageRequest()).totalCount == 1)
            try await second.application.test(.router) { client in
                let me = try await client.execute(uri: "/auth/me", method: .get, headers: [.authorization: "Bearer \(try #require(token))"])
                #expect(me.status == .ok)
                #expect(try await Self.login(client, "boss@example.com", "boss-password").0 == .ok)
                #expect(try await Self.login(client, "boss@example.com", "another-password").0 == .unauthorized)
            }
            try second.store.close()
        }
    }

    @Test func firstStartWithoutAdminCreatesAdminAtLocalhost() async throws {
        try await Self.withTemporaryDirectory { directory in
            let server = try await TicketServer(configuration: Self.configuration(directory))
            let admin = try #require(try await server.store.credentials(email: "admin@localhost"))
            #expect(admin.user.role == .admin)
            try server.store.close()
            let again = try await TicketServer(configuration: Self.configuration(directory))
            #expect(try await again.store.users(page: PageRequest()).totalCount == 1)
            try again.store.close()
        }
    }

    @Test func demoDataLoadsOnce() async throws {
        try await Self.withTemporaryDirectory { directory in
            var configuration = Self.configuration(directory)
            configuration.loadDemoData = true
            let server = try await TicketServer(configuration: configuration)
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
            try server.store.close()
            let again = try await TicketServer(configuration: configuration)
            #expect(try await again.store.tickets(matching: TicketQuery()).totalCount == 6)
            try again.store.close()
        }
    }

    @Test func liveServerAnswersOverTCP() async throws {
        try await Self.withTemporaryDirectory { directory in
            let server = try await TicketServer(configuration: Self.configuration(directory))
            try await server.application.test(.live) { client in
                let health = try await client.execute(uri: "/health", method: .get)
                #expect(health.status == .ok)
                #expect(health.headers[HTTPField.Name("X-Request-Id")!] != nil)
            }
            try server.store.close()
        }
    }

    @Test func databaseLocations() throws {
        #expect(try DatabaseLocation(parsing: "tickets.sqlite") == .sqlite(path: "tickets.sqlite"))
        #expect(try DatabaseLocation(parsing: "sqlite:///var/lib/tickets.db") == .sqlite(path: "/var/lib/tickets.db"))
        #expect(try DatabaseLocation(parsing: "sqlite://data/t.db") == .sqlite(path: "data/t.db"))
        #expect(throws: StartupError.self) { try DatabaseLocation(parsing: "mysql://x") }
        #expect(throws: StartupError.self) { try DatabaseLocation(parsing: "sqlite://") }
        #expect(throws: StartupError.self) { try DatabaseLocation(parsing: "  ") }
    }

    @Test func shortJWTSecretIsAStartupError() async throws {
        try await Self.withTemporaryDirectory { directory in
            var configuration = Self.configuration(directory)
            configuration.jwtSecret = "short"
            await #expect(throws: StartupError.self) { _ = try await TicketServer(configuration: configuration) }
        }
    }

    @Test func halfAnAdminIsAStartupError() async throws {
        try await Self.withTemporaryDirectory { directory in
            var configuration = Self.configuration(directory)
            configuration.adminEmail = "boss@example.com"
            await #expect(throws: StartupError.self) { _ = try await TicketServer(configuration: configuration) }
        }
    }
}
