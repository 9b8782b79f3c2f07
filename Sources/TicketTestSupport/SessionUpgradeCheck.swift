import Foundation
import Testing
public import TicketCore

/// What a store just upgraded to sessions must do for someone who was already there.
public enum SessionUpgradeCheck {
    /// `user` signs in twice and ends one session: the other lasts.
    public static func expectOneSessionEndsAlone(in store: some TicketStore, of user: User) async throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try await store.startSession(NewSession(of: user, createdAt: now, expiresAt: now + 60, userAgent: nil))
        let second = try await store.startSession(NewSession(of: user, createdAt: now, expiresAt: now + 60, userAgent: "curl/8"))
        #expect(try await store.user(id: user.id, inSession: first.id) == user)
        #expect(try await store.endSession(first.id, of: user.id))
        #expect(try await store.user(id: user.id, inSession: first.id) == nil)
        #expect(try await store.user(id: user.id, inSession: second.id) == user)
    }
}
