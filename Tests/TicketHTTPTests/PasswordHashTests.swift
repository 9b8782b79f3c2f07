import Crypto
import Foundation
import HummingbirdBcrypt
import Testing
import TicketCore
import TicketHTTP
import TicketTestSupport

/// bcrypt reads 72 bytes; passwords may be longer. Every password is pre-hashed with
/// HMAC-SHA256, so a long password's digest is no second password, and hashes of the earlier
/// scheme are replaced at the next login.
@Suite("Password hashes")
struct PasswordHashTests {
    static let long = String(repeating: "correct horse battery staple ", count: 4)
    /// What the earlier scheme handed to bcrypt for a password over 72 bytes.
    static var digest: String { Data(SHA256.hash(data: Data(Self.long.utf8))).base64EncodedString() }

    @Test(arguments: StoreKind.allCases)
    func aLongPasswordsDigestIsNoPasswordAndOldHashesAreUpgraded(_ kind: StoreKind) async throws {
        try await kind.withStore { store in try await Self.check(store) }
    }

    private static func check(_ store: some TicketStore) async throws {
        let hasher = BcryptPasswordHasher(cost: 4)
        let service = TicketService(store: store, passwords: hasher, selfRegistration: .open)
        func login(_ email: String, _ password: String) async -> Bool {
            (try? await service.login(email: email, password: password, clientAddress: "192.0.2.1")) != nil
        }
        _ = try await service.register(.init(name: "Long", email: "long@example.com", password: Self.long))
        #expect(await login("long@example.com", Self.long))
        #expect(await !login("long@example.com", Self.digest))
        let fresh = try #require(try await store.credentials(email: "long@example.com"))
        #expect(fresh.passwordHash.hasPrefix(BcryptPasswordHasher.scheme))

        // An account from an earlier version: bcrypt of the digest, as that version stored it.
        _ = try await store.createUser(
            NewUser(name: "Old", email: "old@example.com", passwordHash: Bcrypt.hash(Self.digest, cost: 4), roleName: "user", createdAt: Date()))
        #expect(await !login("old@example.com", Self.digest))
        #expect(await login("old@example.com", Self.long))
        let upgraded = try #require(try await store.credentials(email: "old@example.com"))
        #expect(upgraded.passwordHash.hasPrefix(BcryptPasswordHasher.scheme))
        #expect(await login("old@example.com", Self.long))
        #expect(await !login("old@example.com", Self.digest))
    }
}
