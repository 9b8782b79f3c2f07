import Foundation
import TicketCore

/// A fast, deterministic stand-in for bcrypt: the core's rules do not depend on the algorithm.
struct PlainPasswordHasher: PasswordHasher {
    func hash(_ password: String) async throws -> String { "plain:" + password }
    func verify(_ password: String, against hash: String) async throws -> Bool { hash == "plain:" + password }
    var timingDummyHash: String { "plain:\u{0}unguessable" }
}

/// A clock tests can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_790_000_000)

    var now: Date { self.lock.withLock { self.current } }

    func advance(by seconds: TimeInterval) {
        self.lock.withLock { self.current.addTimeInterval(seconds) }
    }
}

/// A service over a fresh in-memory store, with an admin, a technician and two staff.
struct ServiceFixture {
    let service: TicketService<InMemoryTicketStore>
    let clock = TestClock()
    var admin: User!
    var tech: User!
    var ann: User!
    var bob: User!

    init() async throws {
        let clock = self.clock
        self.service = TicketService(
            store: InMemoryTicketStore(), passwords: PlainPasswordHasher(), selfRegistration: .open, now: { clock.now })
        self.admin = try await self.service.ensureAdmin(name: "Admin", email: "admin@example.com", password: "admin-password")
        self.tech = try await self.service.register(
            .init(name: "Tess", email: "tess@example.com", password: "password1", role: "tech"), by: self.admin)
        self.ann = try await self.service.register(.init(name: "Ann", email: "ann@example.com", password: "password1"))
        self.bob = try await self.service.register(.init(name: "Bob", email: "bob@example.com", password: "password1"))
    }

    func ticket(by user: User, title: String = "Printer jams", priority: String = "high") async throws -> Ticket {
        try await self.service.createTicket(.init(title: title, description: "It jams on page two.", priority: priority), by: user).ticket
    }
}

/// The kind of ``TicketError`` thrown by `body`, or `nil`.
func errorKind(_ body: () async throws -> Void) async -> TicketError.Kind? {
    do {
        try await body()
        return nil
    } catch let error as TicketError {
        return error.kind
    } catch {
        return nil
    }
}

/// The field errors of the validation failure thrown by `body`.
func fieldErrors(_ body: () async throws -> Void) async -> [String: [String]] {
    do {
        try await body()
        return [:]
    } catch let error as TicketError {
        return error.fieldErrors
    } catch {
        return [:]
    }
}
