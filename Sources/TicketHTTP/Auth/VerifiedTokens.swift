import Foundation
import Synchronization

/// The tokens verified lately, with whom each speaks for and until when, so that a client
/// sending the same token again skips the signature check and the JSON decoding (a good part
/// of a small request's time). Only tokens whose signature was verified are remembered, keyed
/// by their exact text, and each is good only until its own expiry. Whether the token's user
/// is still active and its session still current is checked on every request regardless
/// (``TicketService/authenticate(userID:sessionGeneration:session:)``).
final class VerifiedTokens: Sendable {
    private struct Entry {
        var bearer: TokenAuthority.Bearer
        var expiresAt: Date
    }

    /// At most this many tokens are remembered; when full, the memory starts over.
    static let capacity = 4096

    private let entries = Mutex<[String: Entry]>([:])

    /// Whom `token` speaks for, if it was verified and has not expired by `now`.
    func bearer(of token: String, now: Date) -> TokenAuthority.Bearer? {
        self.entries.withLock { entries in
            guard let entry = entries[token], entry.expiresAt > now else { return nil }
            return entry.bearer
        }
    }

    /// Remembers a token whose signature and claims were just verified.
    func remember(_ token: String, bearer: TokenAuthority.Bearer, expiresAt: Date) {
        self.entries.withLock { entries in
            if entries.count >= Self.capacity {
                entries.removeAll(keepingCapacity: true)
            }
            entries[token] = Entry(bearer: bearer, expiresAt: expiresAt)
        }
    }
}
