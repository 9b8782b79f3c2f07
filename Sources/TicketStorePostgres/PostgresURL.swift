import Foundation
import NIOSSL
public import PostgresNIO

extension PostgresTicketStore {
    /// A `postgres://` URL that cannot be used, with a one-line reason.
    public struct URLError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Client configuration from
    /// `postgres://user:password@host:port/database?sslmode=...&sslrootcert=...&pool_size=...`.
    ///
    /// `sslmode` means what it means to libpq: `disable` (never encrypted), `prefer` (the
    /// default: encrypted when the server offers it, certificate not checked), `require`
    /// (always encrypted; the certificate is checked against `sslrootcert` when one is given,
    /// as libpq does), `verify-ca` (encrypted, the certificate signed by a trusted authority)
    /// and `verify-full` (that, and issued for the host named). `sslrootcert` is a PEM file of
    /// the authorities to trust (default: the system's). For a database on another machine use
    /// `verify-full`. `pool_size` is the most connections the server opens (1-100; default
    /// ``defaultPoolSize``). User and password may be percent-encoded.
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
        let tls = try Self.tls(
            mode: url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer",
            rootCertificates: url.queryItems?.first(where: { $0.name == "sslrootcert" })?.value
        )
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password?.removingPercentEncoding, database: database, tls: tls
        )
        // The store's queries are short; compiling them (JIT) costs more than it saves.
        configuration.options.additionalStartupParameters = [("application_name", "ticket-server"), ("jit", "off")]
        if let text = url.queryItems?.first(where: { $0.name == "pool_size" })?.value {
            guard let size = Int(text), (1...100).contains(size) else {
                throw URLError(description: "pool_size must be a number from 1 to 100, not '\(text)'")
            }
            configuration.options.maximumConnections = size
        } else {
            configuration.options.maximumConnections = Self.defaultPoolSize
        }
        return configuration
    }

    /// The TLS of an `sslmode` (see ``configuration(url:)``).
    private static func tls(mode: String, rootCertificates path: String?) throws(URLError) -> PostgresClient.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let path {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            } catch {
                throw URLError(description: "cannot read the certificates of sslrootcert '\(path)'")
            }
        }
        switch mode {
        case "disable":
            return .disable
        case "prefer":
            configuration.certificateVerification = .none
            return .prefer(configuration)
        case "require" where path == nil:
            configuration.certificateVerification = .none
            return .require(configuration)
        case "require", "verify-ca":
            configuration.certificateVerification = .noHostnameVerification
            return .require(configuration)
        case "verify-full":
            configuration.certificateVerification = .fullVerification
            return .require(configuration)
        default:
            throw URLError(description: "unsupported sslmode '\(mode)'; use disable, prefer, require, verify-ca or verify-full")
        }
    }

    /// Twice this machine's cores, at least 4: more connections than the database can run at
    /// once only queue inside PostgreSQL, where latency spreads (at 2 cores and 16 clients, a pool
    /// of 20 doubled the p99 of a page compared with 4).
    public static var defaultPoolSize: Int { max(4, 2 * ProcessInfo.processInfo.activeProcessorCount) }

    /// The URL without its password, for messages.
    public static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://..."
    }
}
