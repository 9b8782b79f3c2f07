import Foundation
import Hummingbird
import HTTPTypes

/// Resolves the client's address for the per-address login limit: the peer's address, or,
/// when the peer is one of the trusted proxies, the last address of `X-Forwarded-For` (the
/// one the proxy itself appended; earlier entries are whatever the client claimed).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = TicketRequestContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let peer = context.clientAddress, self.trustedProxies.contains(peer) else { return try await next(request, context) }
        var context = context
        let forwarded = request.headers[values: .forwardedFor].joined(separator: ",")
        if let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), Self.isAddress(last) {
            context.clientAddress = last
        }
        return try await next(request, context)
    }

    /// An IPv4 or IPv6 address as text: hex digits, dots and colons, at most 45 characters.
    private static func isAddress(_ text: String) -> Bool {
        (2...45).contains(text.utf8.count) && text.utf8.allSatisfy { $0.isHexDigitOrSeparator }
    }
}

extension HTTPField.Name {
    /// `X-Forwarded-For`.
    static var forwardedFor: Self { .init("X-Forwarded-For")! }
}

extension UInt8 {
    fileprivate var isHexDigitOrSeparator: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
            UInt8(ascii: "."), UInt8(ascii: ":"):
            true
        default: false
        }
    }
}
