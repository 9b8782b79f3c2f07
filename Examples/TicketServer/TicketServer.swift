import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import PostgresNIO
import TicketCore
import TicketHTTP
import TicketStorePostgres
import TicketStoreSQLite
import TicketWeb

/// The composed server: a store (SQLite by default, PostgreSQL for a `postgres://` URL), the
/// core service, the HTTP API and the web pages on top of it.
struct TicketServer: Sendable {
    /// The Hummingbird application; ``run()`` serves it, tests drive it with `application.test`.
    let application: Application<RouterResponder<TicketRequestContext>>
    /// The store the server uses.
    let store: any TicketStore
    /// The header deadline and the per-address connection cap of every connection.
    let connectionGuards: ConnectionGuards
    let logger: Logger

    /// Serves until SIGINT or SIGTERM; in-flight requests finish first.
    func run() async throws {
        try await self.application.runService()
    }

    /// Opens and migrates the database, prepares secrets and accounts, runs `body` with the
    /// ready server, and closes the database afterwards (also when `body` throws).
    static func withServer<T: Sendable>(
        _ configuration: ServerConfiguration,
        _ body: @escaping @Sendable (TicketServer) async throws -> T
    ) async throws -> T {
        try await self.withStore(configuration) { store, logger in
            try await body(try await self.prepare(store, configuration, logger: logger))
        }
    }

    /// Opens and migrates the configured database, runs `body` with its store, and closes it
    /// afterwards (also when `body` throws). An SQLite file is locked meanwhile
    /// (``SQLiteFileLock``): a second server on it fails to start.
    static func withStore<T: Sendable>(
        _ configuration: ServerConfiguration,
        _ body: @escaping @Sendable (any BulkTicketLoading, Logger) async throws -> T
    ) async throws -> T {
        var logger = Logger(label: "ticket-server")
        logger.logLevel = configuration.logLevel
        switch try DatabaseLocation(parsing: configuration.database) {
        case .sqlite(let path):
            let lock: SQLiteFileLock
            do {
                lock = try SQLiteFileLock(database: path)
            } catch .held {
                throw StartupError(
                    message:
                        "another ticket-server is using the SQLite database \(path); stop it first (several servers can share a PostgreSQL database)"
                )
            } catch .unavailable(let reason) {
                throw StartupError(message: reason)
            }
            defer { lock.release() }
            let store: SQLiteTicketStore
            do {
                store = try SQLiteTicketStore(path: path)
            } catch {
                logger.debug("Opening the database failed", metadata: ["error": "\(String(reflecting: error))"])
                throw StartupError(message: "cannot open the SQLite database at '\(path)': \(error)")
            }
            do {
                let result = try await body(store, logger)
                try store.close()
                logger.info("Database closed")
                return result
            } catch {
                try? store.close()
                throw error
            }
        case .postgres(let url):
            return try await self.withPostgres(url: url, configuration, logger: logger, body)
        }
    }

    /// Runs the PostgreSQL client for as long as `body` runs; the client stops after the server.
    private static func withPostgres<T: Sendable>(
        url: String,
        _ configuration: ServerConfiguration,
        logger: Logger,
        _ body: @escaping @Sendable (any BulkTicketLoading, Logger) async throws -> T
    ) async throws -> T {
        let clientConfiguration: PostgresClient.Configuration
        do {
            clientConfiguration = try PostgresTicketStore.configuration(url: url)
        } catch {
            throw StartupError(message: error.description)
        }
        // The pool logs each failed connection attempt at info; keep that out of the server log.
        var clientLogger = logger
        clientLogger.logLevel = max(logger.logLevel, .warning)
        let client = PostgresClient(configuration: clientConfiguration, backgroundLogger: clientLogger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await client.run()
                return nil
            }
            group.addTask {
                let store = PostgresTicketStore(client: client, logger: logger)
                try await self.connect(store, url: url, timeout: configuration.databaseConnectTimeout)
                try await store.migrate()
                return try await body(store, logger)
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let value = result { return value }
            }
            throw CancellationError()
        }
    }

    /// Checks that PostgreSQL answers within `timeout`; otherwise a one-line startup error.
    private static func connect(_ store: PostgresTicketStore, url: String, timeout: Duration) async throws {
        let location = PostgresTicketStore.redacted(url)
        let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await store.ping()
                } catch let error as PSQLError {
                    let reason = error.serverInfo?[.message] ?? "the connection failed"
                    throw StartupError(message: "cannot connect to PostgreSQL at \(location): \(reason)")
                }
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        guard answered else {
            throw StartupError(message: "cannot reach PostgreSQL at \(location) within \(timeout.components.seconds) s")
        }
    }

    /// Builds the service, the token authority, the first administrator and the application.
    private static func prepare<Store: TicketStore>(
        _ store: Store, _ configuration: ServerConfiguration, logger: Logger
    ) async throws -> TicketServer {
        let service = TicketService(
            store: store,
            passwords: BcryptPasswordHasher(cost: configuration.bcryptCost),
            selfRegistration: configuration.selfRegistration,
            categories: configuration.categories,
            throttle: LoginThrottle(
                maxFailuresPerAddress: configuration.loginFailuresPerAddress, maxRegistrationsPerAddress: configuration.registrationsPerAddress
            ),
            officeFiguresLifetime: TimeInterval(configuration.statsCacheSeconds)
        )
        let secret = try await TokenSecret.resolve(
            given: configuration.jwtSecret, file: configuration.jwtSecretFile,
            database: try DatabaseLocation(parsing: configuration.database), store: store, logger: logger
        )
        let tokens: TokenAuthority
        do {
            tokens = try await TokenAuthority(secret: secret)
        } catch {
            throw StartupError(message: "\(error)")
        }
        try await Self.ensureAdministrator(configuration, service: service, logger: logger)
        if configuration.loadDemoData {
            try await DemoData.load(into: service, logger: logger)
        }
        let guards = ConnectionGuards(
            headerDeadline: .seconds(Int64(configuration.headerTimeoutSeconds)),
            maxConnectionsPerAddress: configuration.maxConnectionsPerAddress,
            exempt: configuration.trustedProxies
        )
        let router = buildTicketRouter(
            service: service, tokens: tokens, trustedProxies: configuration.trustedProxies, allowedHosts: configuration.allowedHosts,
            clientDepartures: guards.departures
        )
        do {
            try WebFrontEnd().addRoutes(to: router)
        } catch {
            throw StartupError(message: "\(error)")
        }
        let application = Application(
            router: router,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: guards.handlers(), idleTimeout: .seconds(Int64(configuration.idleTimeoutSeconds))
                )
            ),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "ticket-server",
                availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections)
            ),
            onServerRunning: { channel in
                guard let file = configuration.portFile, let port = channel.localAddress?.port else { return }
                Self.writePort(port, to: file, logger: logger)
            },
            logger: logger
        )
        return TicketServer(application: application, store: store, connectionGuards: guards, logger: logger)
    }

    /// Writes the port the server listens on to `file`, whole or not at all (a reader never sees
    /// half a number): written beside it, then renamed.
    static func writePort(_ port: Int, to file: String, logger: Logger) {
        let partial = file + ".partial"
        do {
            try Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: partial))
            guard rename(partial, file) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            logger.error("Cannot write the port file", metadata: ["file": "\(file)", "error": "\(error)"])
        }
    }

    /// Creates the configured administrator, or on a first start with none configured,
    /// `admin@localhost` with a random password that is printed once.
    private static func ensureAdministrator<Store: TicketStore>(
        _ configuration: ServerConfiguration, service: TicketService<Store>, logger: Logger
    ) async throws {
        switch (configuration.adminEmail, configuration.adminPassword) {
        case (let email?, let password?):
            do {
                if try await service.ensureAdmin(name: "Administrator", email: email, password: password) != nil {
                    logger.info("Created administrator", metadata: ["email": "\(email)"])
                }
            } catch let error as TicketError {
                throw StartupError(message: "cannot create the administrator: \(error.message)")
            }
        case (nil, nil):
            guard try await service.store.users(page: PageRequest(limit: 1)).totalCount == 0 else { return }
            let password = Self.randomToken(bytes: 12)
            guard try await service.ensureAdmin(name: "Administrator", email: "admin@localhost", password: password) != nil else { return }
            let notice = """
                Created the first administrator (shown only this once):
                  email:    admin@localhost
                  password: \(password)

                """
            FileHandle.standardOutput.write(Data(notice.utf8))
        default:
            throw StartupError(message: "--admin-email and --admin-password must be given together")
        }
    }

    /// `bytes` random bytes (from the system's generator) as hexadecimal digits.
    static func randomToken(bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max)) }.joined()
    }
}
