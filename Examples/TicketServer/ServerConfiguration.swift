import Logging

/// Everything the server needs to start; built from flags and environment by
/// ``ServeCommand``, or directly by tests.
struct ServerConfiguration: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    /// A SQLite path, `sqlite://` URL or `postgres://` URL.
    var database = "tickets.sqlite"
    /// `nil`: use the secret kept in the database (generated on first start).
    var jwtSecret: String?
    var adminEmail: String?
    var adminPassword: String?
    var loadDemoData = false
    var allowsSelfRegistration = true
    var bcryptCost: UInt8 = 12
    var logLevel: Logger.Level = .info
    /// How long to wait for PostgreSQL to answer at startup.
    var databaseConnectTimeout: Duration = .seconds(10)
}

/// A reason the server cannot start, printed as one line.
struct StartupError: Error {
    var message: String
}
