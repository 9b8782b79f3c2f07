import Foundation
import HTTPTypes
import Hummingbird

/// The `Host` names a server answers. A DNS-rebinding page (a name of the attacker's that
/// resolves to the server's address) reaches the server from an employee's browser with its own
/// name in `Host`; answering only known names (421 otherwise) keeps it out.
///
/// `localhost` and IP literals are always admitted (a rebinding page cannot use them: the
/// browser would treat it as another origin). Names are compared without case, port and
/// final dot.
public struct HostAllowList: Sendable, Equatable {
    /// The names admitted besides `localhost` and IP literals, lower case.
    public private(set) var names: Set<String>

    /// Admits `names` besides `localhost` and IP literals.
    public init(names: some Sequence<String> = []) {
        self.names = Set(names.compactMap { Self.hostName(of: $0) })
    }

    /// Admits one more name (or `host:port`).
    public mutating func insert(_ name: String) {
        if let host = Self.hostName(of: name) { self.names.insert(host) }
    }

    /// Whether a request with this `Host` (or `:authority`) value is answered.
    public func admits(_ authority: String) -> Bool {
        guard let host = Self.hostName(of: authority) else { return false }
        if host == "localhost" || host.hasPrefix("[") || ClientAddress(host) != nil { return true }
        return self.names.contains(host)
    }

    /// The host part of `host[:port]`, lower case without a final dot; an IPv6 literal keeps
    /// its brackets. `nil` for an empty or malformed value.
    static func hostName(of authority: String) -> String? {
        var text = Substring(authority.trimmingCharacters(in: .whitespaces)).lowercased()[...]
        if text.hasPrefix("[") {
            guard let end = text.firstIndex(of: "]"), ClientAddress(String(text[text.index(after: text.startIndex)..<end])) != nil
            else { return nil }
            return String(text[...end])
        }
        if let colon = text.lastIndex(of: ":") {
            guard text[text.index(after: colon)...].allSatisfy(\.isASCII), text[text.index(after: colon)...].allSatisfy(\.isNumber)
            else { return nil }
            text = text[..<colon]
        }
        if text.hasSuffix(".") { text = text.dropLast() }
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        }
        guard !text.isEmpty, text.utf8.count <= 253, allowed else { return nil }
        return String(text)
    }
}

/// Answers 421 (Misdirected Request) to a request whose `Host` the ``HostAllowList`` does not
/// admit. A request without a `Host` (HTTP/1.0, or a client that is no browser) is not a
/// rebinding attempt and is served.
struct HostAllowListMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: HostAllowList

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let authority = request.head.authority, !self.allowed.admits(authority) {
            throw HTTPError(.misdirectedRequest, message: "This server does not answer for that host name")
        }
        return try await next(request, context)
    }
}
