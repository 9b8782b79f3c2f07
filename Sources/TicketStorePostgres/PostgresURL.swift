import Foundation
import NIOSSL
public import PostgresNIO

extension PostgresTicketStore {
    /// A `postgres://` URL that cannot be used, with a one-line reason.
    public struct URLError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Client configuration from `postgres://user:password@host:port/database?sslmode=...`.
    ///
    /// `sslmode` is `disable` (the default), `require` (encrypted, certificate not checked)
    /// or `verify-full` (encrypted and verified). User and password may be percent-encoded.
    public static func configuration(url text: String) throws(URLError) -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw URLError(description: "'\(Self.redacted(text))' is not a postgres:// URL")
        }
        guard let host = url.host, !host.isEmpty else { throw URLError(description: "the PostgreSQL URL names no host") }
        guard let user = url.user?.removingPercentEncoding, !user.isEmpty else {
            throw URLError(description: "the PostgreSQL URL names no user (postgres://user@host/database)")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw URLError(description: "the PostgreSQL URL names no database (postgres://user@host/database)") }
        let tls: PostgresClient.Configuration.TLS
        switch url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable" {
        case "disable": tls = .disable
        case "require":
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            tls = .require(configuration)
        case "verify-full": tls = .require(.makeClientConfiguration())
        case let other: throw URLError(description: "unsupported sslmode '\(other)'; use disable, require or verify-full")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password?.removingPercentEncoding, database: database, tls: tls
        )
        // The store's queries are short; compiling them (JIT) costs more than it saves.
        configuration.options.additionalStartupParameters = [("application_name", "ticket-server"), ("jit", "off")]
        return configuration
    }

    /// The URL without its password, for messages.
    public static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://..."
    }
}
