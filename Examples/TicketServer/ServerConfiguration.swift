import Logging
import TicketHTTP

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
    /// Failed logins allowed per client address within the throttle's window; `nil`: no limit.
    var loginFailuresPerAddress: Int?
    /// Peers whose `X-Forwarded-For` names the client (a reverse proxy in front of the server).
    var trustedProxies: Set<ClientAddress> = []
    /// Seconds a connection may stay idle (or a slow client take to send a request) before it is closed.
    var idleTimeoutSeconds = 30
    /// Connections served at once; more wait in the listen backlog.
    var maxConnections = 512
    /// Seconds the office-wide figures of `GET /stats` are reused; 0 reads them every time.
    var statsCacheSeconds = 2
    /// How long to wait for PostgreSQL to answer at startup.
    var databaseConnectTimeout: Duration = .seconds(10)
}

/// A reason the server cannot start, printed as one line.
struct StartupError: Error {
    var message: String
}
