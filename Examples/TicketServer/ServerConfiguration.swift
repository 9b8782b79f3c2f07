import Logging
import TicketCore
import TicketHTTP

/// Everything the server needs to start; built from flags and environment by
/// ``ServeCommand``, or directly by tests.
struct ServerConfiguration: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    /// Where to write the port once listening (`nil`: nowhere); scripts start on port 0 and read it.
    var portFile: String?
    /// A SQLite path, `sqlite://` URL or `postgres://` URL.
    var database = "tickets.sqlite"
    /// The secret that signs tokens; `nil`: read from ``jwtSecretFile`` (see ``TokenSecret``).
    var jwtSecret: String?
    /// The file holding the secret (made on the first start when missing); `nil`: on SQLite the
    /// file beside the database, on PostgreSQL none (the server refuses to start without a secret).
    var jwtSecretFile: String?
    var adminEmail: String?
    var adminPassword: String?
    var loadDemoData = false
    /// Who may create their own account (nobody by default).
    var selfRegistration = SelfRegistration.closed
    /// The `Host` names the server answers besides `localhost` and IP literals (its public
    /// URL's host and each `--allowed-host`).
    var allowedHosts = HostAllowList()
    /// The categories a ticket may have.
    var categories = TicketCategories.default
    var bcryptCost: UInt8 = 12
    var logLevel: Logger.Level = .info
    /// Failed logins allowed per client address within the throttle's window; `nil`: no limit.
    var loginFailuresPerAddress: Int?
    /// Self-registrations allowed per client address within the throttle's window.
    var registrationsPerAddress = 10
    /// Peers whose `X-Forwarded-For` names the client (a reverse proxy in front of the server).
    var trustedProxies: Set<ClientAddress> = []
    /// Seconds a connection may stay idle (or a slow client take to send a request) before it is closed.
    var idleTimeoutSeconds = 30
    /// Connections served at once; more wait in the listen backlog.
    var maxConnections = 512
    /// Seconds a client has to send a request's headers (from connecting, or from the previous
    /// response); slower connections are closed.
    var headerTimeoutSeconds = 10
    /// Connections one client address may hold at once (trusted proxies are exempt).
    var maxConnectionsPerAddress = 32
    /// Seconds the office-wide figures of `GET /stats` are reused; 0 reads them every time.
    var statsCacheSeconds = 2
    /// How long to wait for PostgreSQL to answer at startup.
    var databaseConnectTimeout: Duration = .seconds(10)
}

/// A reason the server cannot start, printed as one line.
struct StartupError: Error {
    var message: String
}
