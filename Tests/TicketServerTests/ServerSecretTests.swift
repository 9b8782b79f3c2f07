import ArgumentParser
import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
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

    /// A secret that an earlier version kept in an SQLite database is removed from it (and from
    /// the file's pages) and not reused: old files and backups hold it, so tokens it signed stop
    /// working and a new secret is made in the file.
    @Test func aSecretKeptInAnSQLiteDatabaseIsRetired() async throws {
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
                try await Self.expectLegacyTokensRefused(server)
            }
            let secret = try #require(try TokenSecret.read(TokenSecret.fileBeside(database: path)))
            #expect(secret != Self.legacySecret)
            for file in [path, path + "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data()
                #expect(bytes.range(of: Data(Self.legacySecret.utf8)) == nil, "the secret is still in \(file)")
            }
        }
    }

    /// PostgreSQL refuses to start without a secret (several servers must share one); given a
    /// `--jwt-secret-file` that does not exist yet, the server makes it; a secret kept in the
    /// database by an earlier version is removed and no longer signs anything.
    @Test func postgresNeedsAGivenSecretAndRetiresAKeptOne() async throws {
        try await TestPostgres.withDatabase { database in
            var configuration = TicketServerTests.configuration(database: database)
            configuration.jwtSecret = nil
            let bare = configuration
            await #expect(throws: StartupError.self) { try await TicketServer.withServer(bare) { _ in } }

            try await TestPostgres.withClient(try PostgresTicketStore.configuration(url: database)) { client in
                try await client.query(
                    "INSERT INTO settings (key, value) VALUES ('jwt_secret', \(Self.legacySecret))", logger: Logger(label: "test"))
            }
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
                try await Self.expectLegacyTokensRefused(server)
            }
            let secret = try #require(try TokenSecret.read(file))
            #expect(secret != Self.legacySecret && secret.utf8.count == 64)
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

    /// A token signed with the retired secret, for a session that lasts, is refused.
    static func expectLegacyTokensRefused(_ server: TicketServer) async throws {
        let boss = try #require(try await server.store.credentials(email: "boss@example.com")).user
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let session = try await server.store.startSession(NewSession(of: boss, createdAt: now, expiresAt: now + 3600, userAgent: nil))
        let token = try await TokenAuthority(secret: Self.legacySecret).issue(for: boss, session: session).token
        try await server.application.test(.router) { client in
            let me = try await client.execute(uri: "/auth/me", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(me.status == .unauthorized)
        }
    }

    /// Secrets reach the server from the environment (nothing for `ps` to show); given on the
    /// command line they still work, each with a warning.
    @Test func secretsComeFromTheEnvironmentAndTheCommandLineIsWarnedAbout() throws {
        let warnings = WarningsLog()
        let logger = Logger(label: "secrets") { _ in warnings }
        let secret = "a-secret-from-the-environment-of-sufficient-length"
        let quiet = try ServeCommand.parse(["--database", "/tmp/tickets.sqlite", "--admin-email", "boss@example.com"])
        let fromEnvironment = try quiet.configuration(
            environment: ["TICKETS_JWT_SECRET": secret, "TICKETS_ADMIN_PASSWORD": "boss-password"], logLevel: .info, logger: logger)
        #expect(fromEnvironment.jwtSecret == secret && fromEnvironment.adminPassword == "boss-password")
        #expect(warnings.messages.isEmpty)
        let loud = try ServeCommand.parse([
            "--database", "/tmp/tickets.sqlite", "--admin-email", "boss@example.com", "--jwt-secret", secret, "--admin-password", "boss-password",
        ])
        let fromArguments = try loud.configuration(environment: [:], logLevel: .info, logger: logger)
        #expect(fromArguments.jwtSecret == secret && fromArguments.adminPassword == "boss-password")
        #expect(warnings.messages.count == 2)
        #expect(warnings.messages.allSatisfy { !$0.contains(secret) && !$0.contains("boss-password") })
    }

    /// A secret file someone else could have written or read is refused: a link, a file others
    /// may read, a secret under 32 bytes.
    @Test func secretFilesOthersCouldTouchAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func file(_ name: String, _ text: String, mode: Int) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            return path
        }
        let good = try file("good", String(repeating: "s", count: 40) + "\n", mode: 0o600)
        #expect(try TokenSecret.read(good) == String(repeating: "s", count: 40))
        #expect(try TokenSecret.read(directory.appendingPathComponent("missing").path) == nil)
        let readable = try file("readable", String(repeating: "s", count: 40), mode: 0o644)
        #expect(throws: StartupError.self) { try TokenSecret.read(readable) }
        let short = try file("short", "short", mode: 0o600)
        #expect(throws: StartupError.self) { try TokenSecret.read(short) }
        let link = directory.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: good)
        #expect(throws: StartupError.self) { try TokenSecret.read(link) }
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

/// A log handler that keeps the messages of warnings and worse.
private final class WarningsLog: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var messages: [String] { self.lock.withLock { self.kept } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= .warning else { return }
        self.lock.withLock { self.kept.append(event.message.description) }
    }
}
