import Foundation
import Hummingbird
import Logging
import TicketCore
import TicketHTTP
import TicketStoreSQLite

/// The composed server: the SQLite store, the core service and the HTTP API.
struct TicketServer {
    /// The Hummingbird application; tests drive it with `application.test(.router)`.
    let application: Application<RouterResponder<TicketRequestContext>>
    let service: TicketService<SQLiteTicketStore>
    let store: SQLiteTicketStore
    let logger: Logger

    /// Opens the database, prepares secrets and accounts, and builds the application.
    init(configuration: ServerConfiguration) async throws {
        var logger = Logger(label: "ticket-server")
        logger.logLevel = configuration.logLevel
        self.logger = logger

        guard case .sqlite(let path) = try DatabaseLocation(parsing: configuration.database) else {
            throw StartupError(message: "unsupported database")
        }
        do {
            self.store = try SQLiteTicketStore(path: path)
        } catch {
            logger.debug("Opening the database failed", metadata: ["error": "\(String(reflecting: error))"])
            throw StartupError(message: "cannot open the SQLite database at '\(path)': \(error)")
        }
        self.service = TicketService(
            store: self.store,
            passwords: BcryptPasswordHasher(cost: configuration.bcryptCost),
            allowsSelfRegistration: configuration.allowsSelfRegistration
        )

        let secret: String
        if let given = configuration.jwtSecret {
            secret = given
        } else {
            secret = try await self.store.setting("jwt_secret", insertingIfAbsent: Self.randomToken(bytes: 32))
        }
        let tokens: TokenAuthority
        do {
            tokens = try await TokenAuthority(secret: secret)
        } catch {
            throw StartupError(message: "\(error)")
        }

        try await Self.ensureAdministrator(configuration, service: self.service, logger: logger)
        if configuration.loadDemoData {
            try await DemoData.load(into: self.service, logger: logger)
        }

        self.application = Application(
            router: buildTicketRouter(service: self.service, tokens: tokens),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "ticket-server"),
            logger: logger
        )
    }

    /// Serves until SIGINT or SIGTERM, lets in-flight requests finish, then closes the database.
    func run() async throws {
        try await self.application.runService()
        try self.store.close()
        self.logger.info("Stopped; database closed")
    }

    /// Creates the configured administrator, or on a first start with none configured,
    /// `admin@localhost` with a random password that is printed once.
    private static func ensureAdministrator(_ configuration: ServerConfiguration, service: TicketService<SQLiteTicketStore>, logger: Logger) async throws {
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
            _ = try await service.ensureAdmin(name: "Administrator", email: "admin@localhost", password: password)
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

    private static func randomToken(bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max)) }.joined()
    }
}
