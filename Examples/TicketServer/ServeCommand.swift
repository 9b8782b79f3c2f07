import ArgumentParser
import Foundation
import Logging
import TicketCore
import TicketHTTP

/// `ticket-server serve` (the default): runs the HTTP API until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the ticket API server.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port; see --port-file).")
    var port = 8080

    @Option(
        name: .customLong("port-file"),
        help: "Once listening, write the port in this file (for scripts that start the server on --port 0)."
    )
    var portFile: String?

    @Option(help: "SQLite file path, sqlite:// URL or postgres://user:password@host:port/database URL (default: tickets.sqlite; env DATABASE_URL).")
    var database: String?

    @Option(
        name: .customLong("jwt-secret-file"),
        help: """
            File holding the secret that signs tokens, at least 32 bytes, made (mode 0600) when missing; default on SQLite: \
            DATABASE.jwt-secret; on PostgreSQL give this or env TICKETS_JWT_SECRET.
            """
    )
    var jwtSecretFile: String?

    @Option(
        name: .customLong("jwt-secret"),
        help: "The secret itself (visible to every user of the machine in the process list: prefer --jwt-secret-file)."
    )
    var jwtSecret: String?

    @Option(name: .customLong("admin-email"), help: "Email of an administrator to create if missing (env TICKETS_ADMIN_EMAIL).")
    var adminEmail: String?

    @Option(
        name: .customLong("admin-password"),
        help: "Password of that administrator (visible in the process list: prefer env TICKETS_ADMIN_PASSWORD)."
    )
    var adminPassword: String?

    @Flag(name: .customLong("demo-data"), help: "Load demo users, tickets and comments (once).")
    var demoData = false

    @Flag(name: .customLong("allow-registration"), help: "Let anyone who reaches the server create an account (POST /auth/register).")
    var allowRegistration = false

    @Option(
        name: .customLong("registration-domain"),
        help: "Let people with an email address in DOMAIN create their own account (repeatable)."
    )
    var registrationDomains: [String] = []

    @Flag(name: .customLong("disable-registration"), help: "Keep self-registration off (the default).")
    var disableRegistration = false

    @Option(
        name: .customLong("public-url"),
        help: "The URL people use to reach the server (e.g. https://tickets.example.com); its host is answered."
    )
    var publicURL: String?

    @Option(
        name: .customLong("category"),
        help: "A ticket category, in the order to offer them (repeatable; default Hardware, Software, Network, Accounts, Other)."
    )
    var categoryNames: [String] = []

    @Option(
        name: .customLong("allowed-host"),
        help: "Another Host name to answer besides localhost, IP addresses and the public URL's host (repeatable)."
    )
    var allowedHosts: [String] = []

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
        name: .customLong("registrations-per-address"),
        help: "Self-registrations allowed per client address within 15 minutes, successful or not."
    )
    var registrationsPerAddress = 10

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
        name: .customLong("header-timeout"),
        help: "Seconds a client has to send a request's headers (from connecting or from the previous response)."
    )
    var headerTimeout = 10

    @Option(
        name: .customLong("max-connections-per-address"),
        help: "Connections one client address may hold at once (trusted proxies are exempt)."
    )
    var maxConnectionsPerAddress = 32

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
        guard (1...1_000_000).contains(self.registrationsPerAddress) else {
            throw ValidationError("--registrations-per-address must be between 1 and 1000000")
        }
        for proxy in self.trustedProxies where ClientAddress(proxy) == nil {
            throw ValidationError("--trusted-proxy \(proxy) is not an IPv4 or IPv6 address")
        }
        guard (1...3600).contains(self.idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 3600") }
        guard (1...100_000).contains(self.maxConnections) else { throw ValidationError("--max-connections must be between 1 and 100000") }
        guard (1...3600).contains(self.headerTimeout) else { throw ValidationError("--header-timeout must be between 1 and 3600") }
        guard (1...100_000).contains(self.maxConnectionsPerAddress) else {
            throw ValidationError("--max-connections-per-address must be between 1 and 100000")
        }
        guard (0...3600).contains(self.statsCacheSeconds) else { throw ValidationError("--stats-cache-seconds must be between 0 and 3600") }
        _ = try self.selfRegistration()
        _ = try self.hostAllowList()
        _ = try self.categories()
        if self.jwtSecretFile != nil, self.jwtSecret != nil {
            throw ValidationError("give --jwt-secret-file or --jwt-secret, not both")
        }
    }

    /// Who may register, from `--allow-registration`, `--registration-domain` and `--disable-registration`.
    func selfRegistration() throws -> SelfRegistration {
        switch (self.allowRegistration, self.registrationDomains.isEmpty, self.disableRegistration) {
        case (false, true, _): return .closed
        case (true, true, false): return .open
        case (false, false, false):
            guard let domains = SelfRegistration.forDomains(self.registrationDomains) else {
                throw ValidationError("--registration-domain must name email domains such as example.com")
            }
            return domains
        default:
            throw ValidationError("give one of --allow-registration, --registration-domain and --disable-registration")
        }
    }

    /// The ticket categories, from `--category` (the defaults when none is given).
    func categories() throws -> TicketCategories {
        guard !self.categoryNames.isEmpty else { return .default }
        do {
            return try TicketCategories(self.categoryNames)
        } catch {
            throw ValidationError("--category: \(error.fieldErrors["categories", default: []].joined(separator: "; "))")
        }
    }

    /// The `Host` names answered, from `--public-url`, `--allowed-host` and `--host`.
    func hostAllowList() throws -> HostAllowList {
        var allowed = HostAllowList()
        if let publicURL {
            guard let url = URL(string: publicURL), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                let host = url.host, HostAllowList(names: [host]).names.count == 1
            else { throw ValidationError("--public-url must be an http:// or https:// URL with a host name of letters, digits, dots and hyphens") }
            allowed.insert(host)
        }
        for name in self.allowedHosts {
            guard HostAllowList(names: [name]).names.count == 1 else { throw ValidationError("--allowed-host \(name) is not a host name") }
            allowed.insert(name)
        }
        // A name to listen on is a name the server is reached by.
        allowed.insert(self.host)
        return allowed
    }

    /// The token secret itself: from `--jwt-secret`, or `TICKETS_JWT_SECRET` (or the older
    /// `JWT_SECRET`); `nil` when none is given or `--jwt-secret-file` is (then a file holds it).
    private func givenJWTSecret(_ environment: [String: String], logger: Logger) -> String? {
        if self.jwtSecretFile != nil { return nil }
        if let secret = self.jwtSecret {
            logger.warning("--jwt-secret shows the secret to every user of this machine; use --jwt-secret-file or TICKETS_JWT_SECRET")
            return secret
        }
        return environment["TICKETS_JWT_SECRET"] ?? environment["JWT_SECRET"]
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logLevel = (self.logLevel ?? environment["LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info
        var logger = Logger(label: "ticket-server")
        logger.logLevel = logLevel
        let configuration = try self.configuration(environment: environment, logLevel: logLevel, logger: logger)
        do {
            try await TicketServer.withServer(configuration) { server in try await server.run() }
        } catch let error as StartupError {
            // A clear one-line message and a non-zero exit, never a crash dump.
            FileHandle.standardError.write(Data("ticket-server: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// What the options and `environment` ask for. Secrets come from the environment or a file;
    /// one given on the command line still works, with a warning in `logger`.
    func configuration(environment: [String: String], logLevel: Logger.Level, logger: Logger) throws -> ServerConfiguration {
        if self.adminPassword != nil {
            logger.warning("--admin-password shows the password to every user of this machine; use TICKETS_ADMIN_PASSWORD")
        }
        return ServerConfiguration(
            host: self.host,
            port: self.port,
            portFile: self.portFile,
            database: self.database ?? environment["DATABASE_URL"] ?? "tickets.sqlite",
            jwtSecret: self.givenJWTSecret(environment, logger: logger),
            jwtSecretFile: self.jwtSecretFile,
            adminEmail: self.adminEmail ?? environment["TICKETS_ADMIN_EMAIL"],
            adminPassword: self.adminPassword ?? environment["TICKETS_ADMIN_PASSWORD"],
            loadDemoData: self.demoData,
            selfRegistration: try self.selfRegistration(),
            allowedHosts: try self.hostAllowList(),
            categories: try self.categories(),
            bcryptCost: self.bcryptCost,
            logLevel: logLevel,
            loginFailuresPerAddress: self.loginFailuresPerAddress,
            registrationsPerAddress: self.registrationsPerAddress,
            trustedProxies: Set(self.trustedProxies.compactMap(ClientAddress.init)),
            idleTimeoutSeconds: self.idleTimeout,
            maxConnections: self.maxConnections,
            headerTimeoutSeconds: self.headerTimeout,
            maxConnectionsPerAddress: self.maxConnectionsPerAddress,
            statsCacheSeconds: self.statsCacheSeconds
        )
    }
}
