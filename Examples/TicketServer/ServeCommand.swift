import ArgumentParser
import Foundation
import Logging
import TicketHTTP

/// `ticket-server serve` (the default): runs the HTTP API until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the ticket API server.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "SQLite file path, sqlite:// URL or postgres://user:password@host:port/database URL (default: tickets.sqlite; env DATABASE_URL).")
    var database: String?

    @Option(
        name: .customLong("jwt-secret"),
        help: "Secret for signing tokens, at least 32 bytes (env JWT_SECRET; default: generated once and kept in the database).")
    var jwtSecret: String?

    @Option(name: .customLong("admin-email"), help: "Email of an administrator to create if missing (env TICKETS_ADMIN_EMAIL).")
    var adminEmail: String?

    @Option(name: .customLong("admin-password"), help: "Password of that administrator (env TICKETS_ADMIN_PASSWORD).")
    var adminPassword: String?

    @Flag(name: .customLong("demo-data"), help: "Load demo users, tickets and comments (once).")
    var demoData = false

    @Flag(name: .customLong("disable-registration"), help: "Switch off open self-registration (POST /auth/register answers 403).")
    var disableRegistration = false

    @Option(name: .customLong("bcrypt-cost"), help: "bcrypt work factor, 4-31.")
    var bcryptCost: UInt8 = 12

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env LOG_LEVEL).")
    var logLevel: String?

    @Option(
        name: .customLong("login-failures-per-address"),
        help: "Failed logins allowed per client address within 15 minutes (default: no limit per address)."
    )
    var loginFailuresPerAddress: Int?

    @Option(
        name: .customLong("trusted-proxy"),
        help: "Address of a reverse proxy whose X-Forwarded-For names the client (repeatable)."
    )
    var trustedProxies: [String] = []

    @Option(name: .customLong("idle-timeout"), help: "Seconds before an idle or slow connection is closed.")
    var idleTimeout = 30

    @Option(name: .customLong("max-connections"), help: "Connections served at once.")
    var maxConnections = 512

    @Option(
        name: .customLong("stats-cache-seconds"),
        help: "How long the office-wide figures of GET /stats are reused (0: read for every request); this server's writes refresh them at once."
    )
    var statsCacheSeconds = 2

    func validate() throws {
        guard (4...31).contains(self.bcryptCost) else { throw ValidationError("--bcrypt-cost must be between 4 and 31") }
        guard (0...65535).contains(self.port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let limit = self.loginFailuresPerAddress, !(1...1_000_000).contains(limit) {
            throw ValidationError("--login-failures-per-address must be between 1 and 1000000")
        }
        for proxy in self.trustedProxies where ClientAddress(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is not an IPv4 or IPv6 address")
        }
        guard (1...3600).contains(self.idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 3600") }
        guard (1...100_000).contains(self.maxConnections) else { throw ValidationError("--max-connections must be between 1 and 100000") }
        guard (0...3600).contains(self.statsCacheSeconds) else { throw ValidationError("--stats-cache-seconds must be between 0 and 3600") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let configuration = ServerConfiguration(
            host: self.host,
            port: self.port,
            database: self.database ?? environment["DATABASE_URL"] ?? "tickets.sqlite",
            jwtSecret: self.jwtSecret ?? environment["JWT_SECRET"],
            adminEmail: self.adminEmail ?? environment["TICKETS_ADMIN_EMAIL"],
            adminPassword: self.adminPassword ?? environment["TICKETS_ADMIN_PASSWORD"],
            loadDemoData: self.demoData,
            allowsSelfRegistration: !self.disableRegistration,
            bcryptCost: self.bcryptCost,
            logLevel: (self.logLevel ?? environment["LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info,
            loginFailuresPerAddress: self.loginFailuresPerAddress,
            trustedProxies: Set(self.trustedProxies.compactMap(ClientAddress.init)),
            idleTimeoutSeconds: self.idleTimeout,
            maxConnections: self.maxConnections,
            statsCacheSeconds: self.statsCacheSeconds
        )
        do {
            try await TicketServer.withServer(configuration) { server in try await server.run() }
        } catch let error as StartupError {
            // A clear one-line message and a non-zero exit, never a crash dump.
            FileHandle.standardError.write(Data("ticket-server: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
