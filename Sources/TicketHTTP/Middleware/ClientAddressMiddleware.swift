import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Resolves who sent a request, for the per-address login limit. Behind trusted reverse
/// proxies, `X-Forwarded-For` is read from the right (the end each proxy appends to), skipping
/// trusted proxies, and the first other address is the client; anything a client wrote further
/// left is ignored. An entry that does not parse as an IPv4 or IPv6 address (`unknown`, a
/// name) ends the walk: the request counts under the proxy that appended it, so a client cannot
/// slip out of the per-address limit by writing nonsense.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = TicketRequestContext
    let trustedProxies: Set<ClientAddress>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !self.trustedProxies.isEmpty, let peer = context.peerAddress, self.trustedProxies.contains(peer) else {
            return try await next(request, context)
        }
        var context = context
        let forwarded = request.headers[values: .forwardedFor].joined(separator: ",").split(separator: ",")
        for entry in forwarded.reversed() {
            // An entry that is no address (even without a port) names nobody: the request stays
            // counted under the proxy that passed it on.
            guard let address = ClientAddress(forwarded: String(entry)) else { break }
            context.peerAddress = address
            if !self.trustedProxies.contains(address) { break }
        }
        return try await next(request, context)
    }
}

/// An IPv4 or IPv6 address, normalised: an IPv4-mapped IPv6 address is its IPv4 address.
public struct ClientAddress: Sendable, Hashable, CustomStringConvertible {
    /// IPv4: 4 bytes; IPv6: 16 bytes.
    let bytes: [UInt8]

    /// Parses the text form of an IPv4 or IPv6 address (no port, no brackets); `nil` otherwise.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= 45, let address = try? SocketAddress(ipAddress: trimmed, port: 0) else { return nil }
        self.init(address)
    }

    /// An `X-Forwarded-For` entry: an address, optionally with a port as some proxies write it
    /// (`10.0.0.1:4000`, `[2001:db8::1]:4000`).
    init?(forwarded entry: String) {
        var text = entry.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        self.init(text)
    }

    /// The address of a socket peer; `nil` for Unix sockets.
    init?(_ address: SocketAddress) {
        // The address bytes sit at a fixed offset of sockaddr_in (4) and sockaddr_in6 (8).
        let (offset, count): (Int, Int)
        switch address {
        case .v4: (offset, count) = (4, 4)
        case .v6: (offset, count) = (8, 16)
        default: return nil
        }
        let bytes = address.withSockAddr { pointer, size in
            size >= offset + count ? Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer) + offset, count: count)) : []
        }
        guard bytes.count == count else { return nil }
        let mapped = count == 16 && bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        self.bytes = mapped ? Array(bytes[12..<16]) : bytes
    }

    /// What the login limit counts: the address for IPv4, the /64 network for IPv6 (one
    /// machine usually holds a whole /64, and could otherwise count every address apart).
    public var throttleKey: String {
        if self.bytes.count == 4 { return self.description }
        let prefix = stride(from: 0, to: 8, by: 2).map { String(UInt16(self.bytes[$0]) << 8 | UInt16(self.bytes[$0 + 1]), radix: 16) }
        return prefix.joined(separator: ":") + "::/64"
    }

    public var description: String {
        if self.bytes.count == 4 { return self.bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: 16, by: 2).map { String(UInt16(self.bytes[$0]) << 8 | UInt16(self.bytes[$0 + 1]), radix: 16) }
            .joined(separator: ":")
    }
}
