import Foundation
import TicketCore
import TicketHTTP

/// Token authorities and tokens for tests.
enum TokenAuthorityFactory {
    /// Issues tokens that expired a minute before they were made, with the harness secret.
    static func expired() async throws -> TokenAuthority {
        try await TokenAuthority(secret: APIClient.secret, lifetime: -60)
    }

    static func user(_ id: Int64) -> User {
        User(id: User.ID(id), name: "x", email: "x@example.com", role: .user, isActive: true, createdAt: Date())
    }

    /// A token of `authority` for user `id` in session `session` (stored or not), issued now
    /// and lasting the authority's lifetime, as the server's login would issue it.
    static func token(_ authority: TokenAuthority, user id: Int64, session: Int64 = 1) async throws -> TokenAuthority.IssuedToken {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let session = Session(
            id: Session.ID(session), userID: User.ID(id), createdAt: now, expiresAt: now.addingTimeInterval(authority.lifetime), userAgent: nil
        )
        return try await authority.issue(for: Self.user(id), session: session)
    }

    /// The claims of a token, unverified (`sub`, `sid`, `exp`, ...).
    static func claims(of token: String) throws -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw CocoaError(.coderReadCorrupt) }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let claims = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return claims
    }
}
