import Foundation
import TicketCore
import TicketHTTP

/// Token authorities for tests.
enum TokenAuthorityFactory {
    /// Issues tokens that expired a minute before they were made, with the harness secret.
    static func expired() async throws -> TokenAuthority {
        try await TokenAuthority(secret: APIClient.secret, lifetime: -60)
    }

    static func user(_ id: Int64) -> User {
        User(id: User.ID(id), name: "x", email: "x@example.com", role: .user, isActive: true, createdAt: Date())
    }
}
