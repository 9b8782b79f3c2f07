import Foundation
import Synchronization
import Testing
import TicketCore
import TicketTestSupport

/// A sign-in cancelled while its password waited (its client hung up) checked nothing: its
/// attempt is taken back on every store, so it never counts toward a lockout.
@Suite("HTTP: cancelled sign-ins")
struct CancelledLoginTests {
    @Test(arguments: StoreKind.allCases)
    func aCancelledLoginIsNotCountedAsAFailure(_ kind: StoreKind) async throws {
        try await kind.withStore { store in try await Self.checkCancelledLogins(on: store) }
    }

    private static func checkCancelledLogins(on store: some TicketStore) async throws {
        let hasher = StallingHasher()
        let service = TicketService(store: store, passwords: hasher, selfRegistration: .open)
        _ = try await service.register(.init(name: "Ann", email: "ann@example.com", password: "password1"))
        func login(_ password: String) async -> TicketError.Kind? {
            do {
                _ = try await service.login(email: "ann@example.com", password: password, clientAddress: "10.0.0.1")
                return nil
            } catch let error as TicketError {
                return error.kind
            } catch {
                return nil
            }
        }
        for round in 1...5 {
            let stalled = Task { await login("stall") }
            for _ in 0..<2000 where hasher.stalled < round { try await Task.sleep(for: .milliseconds(5)) }
            #expect(hasher.stalled == round)
            stalled.cancel()
            _ = await stalled.value
        }
        // None of the five counted: five wrong passwords still get 401, the sixth 429.
        for _ in 0..<5 { #expect(await login("wrong-password") == .unauthenticated) }
        #expect(await login("wrong-password") == .tooManyAttempts)
    }
}

/// Checks `plain:` hashes; the password "stall" waits until its task is cancelled.
private final class StallingHasher: PasswordHasher {
    private let count = Mutex(0)

    /// Checks of "stall" begun so far.
    var stalled: Int { self.count.withLock { $0 } }
    var timingDummyHash: String { "plain:\u{1}" }

    func hash(_ password: String) async throws -> String { "plain:" + password }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        if password == "stall" {
            self.count.withLock { $0 += 1 }
            try await Task.sleep(for: .seconds(600))
        }
        return hash == "plain:" + password
    }
}
