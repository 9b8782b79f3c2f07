import Foundation
import Testing
import TicketCore
import TicketHTTP

/// Tokens answered from memory (``VerifiedTokens``) keep every rule of a full verification.
struct TokenAuthorityTests {
    @Test func aRememberedTokenStopsWorkingAtItsExpiry() async throws {
        let authority = try await TokenAuthority(secret: APIClient.secret, lifetime: 1)
        let issued = try await TokenAuthorityFactory.token(authority, user: 7, session: 3)
        for _ in 0..<2 {
            let bearer = try await authority.verify(issued.token)
            #expect(bearer.userID == User.ID(7) && bearer.sessionGeneration == 0 && bearer.sessionID == Session.ID(3))
        }
        // `exp` is in whole seconds; wait until it has passed.
        try await Task.sleep(for: .seconds(max(0, issued.expiresAt.timeIntervalSinceNow) + 0.2))
        await #expect(throws: TicketError.self) { _ = try await authority.verify(issued.token) }
    }

    @Test func aRememberedTokenChangedInAnyPartIsRefused() async throws {
        let authority = try await TokenAuthority(secret: APIClient.secret)
        let token = try await TokenAuthorityFactory.token(authority, user: 7).token
        _ = try await authority.verify(token)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices {
            // The first character: a base64 text's last one may hold only unused bits.
            var changed = parts
            let first = changed[index].removeFirst()
            changed[index].insert(first == "A" ? "B" : "A", at: changed[index].startIndex)
            await #expect(throws: TicketError.self) { _ = try await authority.verify(changed.joined(separator: ".")) }
        }
        await #expect(throws: TicketError.self) { _ = try await authority.verify(token + ".") }
        #expect(try await authority.verify(token).userID == User.ID(7))
    }
}
