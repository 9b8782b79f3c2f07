import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing
import TicketCore
import TicketHTTP
import TicketStorePostgres
import TicketStoreSQLite
import TicketTestSupport

@testable import TicketServer

/// The token secret never lives in the database, and a server answers only the `Host` names it
/// serves.
@Suite("ticket-server: secrets and hosts")
struct ServerSecretTests {
    static let legacySecret = "the-secret-an-older-version-kept-in-the-database"

    /// On SQLite the secret is made on the first start in a file beside the database, readable
    /// by the server's user only, and reused after a restart.
    @Test func theSecretIsMadeInAPrivateFileBesideTheSQLiteDatabase() async throws {
        try await TicketServerTests.withDatabase(.sqlite) { database in
            let path = String(database.dropFirst("sqlite://".count))
            let file = TokenSecret.fileBeside(database: path)
            try await TicketServer.withServer(TicketServerTests.configuration(database: database)) { server async throws in
                #expect(try await server.store.storedSetting(TokenSecret.legacySettingKey) == nil)
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let secret = try #require(try TokenSecret.read(file))
            #expect(secret.utf8.count == 64)
            try await TicketServer.withServer(TicketServerTests.configuration(database: database)) { _ in }
            #expect(try TokenSecret.read(file) == secret)
        }
    }

    /// A secret that an earlier version kept in an SQLite database moves into the file on the
    /// next start and leaves the database; tokens it signed still work.
    @Test func aSecretKeptInAnSQLiteDatabaseMovesOut() async throws {
        try await TicketServerTests.withDatabase(.sqlite) { database in
            let path = String(database.dropFirst("sqlite://".count))
            // The schema as the store makes it, then the row an earlier version wrote.
            try SQLiteTicketStore(path: path).close()
            try await DatabaseQueue(path: path).write { db in
                try db.execute(sql: "INSERT INTO settings (key, value) VALUES ('jwt_secret', ?)", arguments: [Self.legacySecret])
            }
            var configuration = TicketServerTests.configuration(database: database)
            configuration.adminEmail = "boss@example.com"
            configuration.adminPassword = "boss-password"
            try await TicketServer.withServer(configuration) { server in
                #expect(try await server.store.storedSetting(TokenSecret.legacySettingKey) == nil)
                try await Self.expectLegacyTokensWork(server)
            }
            #expect(try TokenSecret.read(TokenSecret.fileBeside(database: path)) == Self.legacySecret)
            for file in [path, path + "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
                #expect(bytes.range(of: Data(Self.legacySecret.utf8)) == nil, "the secret is still in \(file)")
            }
        }
    }

    /// PostgreSQL refuses to start without a secret (several servers must share one); a secret
    /// kept there by an earlier version moves into the `--jwt-secret-file` named, and leaves
    /// the database.
    @Test func postgresNeedsAGivenSecretAndMovesAKeptOneOut() async throws {
        try await TestPostgres.withDatabase { database in
            var configuration = TicketServerTests.configuration(database: database)
            configuration.jwtSecret = nil
            let bare = configuration
            await #expect(throws: StartupError.self) { try await TicketServer.withServer(bare) { _ in } }

            try await TestPostgres.withClient(try PostgresTicketStore.configuration(url: database)) { client in
                try await client.query(
                    "INSERT INTO settings (key, value) VALUES ('jwt_secret', \(Self.legacySecret))", logger: Logger(label: "test"))
            }
            // Still no secret given: the message says how to move the kept one out.
            do {
                try await TicketServer.withServer(bare) { _ in }
                Issue.record("a server started on PostgreSQL without a secret")
            } catch let error as StartupError {
                #expect(error.message.contains("--jwt-secret-file"))
            }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("jwt-secret").path
            configuration.jwtSecretFile = file
            configuration.adminEmail = "boss@example.com"
            configuration.adminPassword = "boss-password"
            try await TicketServer.withServer(configuration) { server in
                #expect(try await server.store.storedSetting(TokenSecret.legacySettingKey) == nil)
                try await Self.expectLegacyTokensWork(server)
            }
            #expect(try TokenSecret.read(file) == Self.legacySecret)
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }

    /// A second server on the same SQLite file fails to start with a clear message (its caches
    /// would act on decisions the first one already changed); once the first stops, it starts.
    @Test func oneServerPerSQLiteFile() async throws {
        try await TicketServerTests.withDatabase(.sqlite) { database in
            let configuration = TicketServerTests.configuration(database: database)
            try await TicketServer.withServer(configuration) { _ in
                do {
                    try await TicketServer.withServer(configuration) { _ in }
                    Issue.record("a second server started on the same SQLite file")
                } catch let error as StartupError {
                    #expect(error.message.contains("another ticket-server is using"))
                }
            }
            try await TicketServer.withServer(configuration) { _ in }
        }
    }

    /// libpq's `sslmode` meanings against a server without TLS (the tests' own): `prefer`, the
    /// default, falls back to a plain connection; `require`, `verify-ca` and `verify-full`
    /// refuse to go on unencrypted, so the server does not start.
    @Test func postgresTLSModesMeanWhatLibpqSays() async throws {
        try await TestPostgres.withDatabase { database in
            for (mode, starts) in [
                ("", true), ("?sslmode=prefer", true), ("?sslmode=disable", true), ("?sslmode=require", false),
                ("?sslmode=verify-ca", false), ("?sslmode=verify-full", false),
            ] {
                var configuration = TicketServerTests.configuration(database: database + mode)
                configuration.databaseConnectTimeout = .seconds(3)
                let configured = configuration
                do {
                    try await TicketServer.withServer(configured) { server in try await server.store.ping() }
                    #expect(starts, "sslmode \(mode) connected without TLS")
                } catch is StartupError {
                    #expect(!starts, "sslmode \(mode) did not connect")
                }
            }
        }
    }

    /// A token signed with the moved secret is still accepted.
    static func expectLegacyTokensWork(_ server: TicketServer) async throws {
        let boss = try #require(try await server.store.credentials(email: "boss@example.com")).user
        let token = try await TokenAuthority(secret: Self.legacySecret).issue(for: boss).token
        try await server.application.test(.router) { client in
            let me = try await client.execute(uri: "/auth/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .ok)
        }
    }

    /// Over TCP, a request for a host name the server does not serve (a DNS-rebinding page's)
    /// gets 421 on the API and the pages alike; localhost, IP literals and configured names
    /// are served.
    @Test func foreignHostNamesGet421() async throws {
        try await TicketServerTests.withDatabase(.sqlite) { database in
            var configuration = TicketServerTests.configuration(database: database)
            configuration.allowedHosts = HostAllowList(names: ["tickets.example.com"])
            try await TicketServer.withServer(configuration) { server in
                try await server.application.test(.live) { client in
                    let port = try #require(client.port)
                    func statusLine(_ path: String, host: String) async throws -> String {
                        let socket = try Socket.connect(port: port)
                        defer { socket.close() }
                        let response = await socket.exchange("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
                        return response.components(separatedBy: "\r\n").first ?? ""
                    }
                    for path in ["/health", "/", "/app/main.js", "/auth/me"] {
                        #expect(try await statusLine(path, host: "rebind.attacker.example") == "HTTP/1.1 421 Misdirected Request", "\(path)")
                        #expect(try await statusLine(path, host: "rebind.attacker.example:8080") == "HTTP/1.1 421 Misdirected Request", "\(path)")
                    }
                    for host in ["localhost:8080", "127.0.0.1", "[::1]:80", "Tickets.Example.com:443"] {
                        #expect(try await statusLine("/health", host: host) == "HTTP/1.1 200 OK", "\(host)")
                    }
                }
            }
        }
    }
}
