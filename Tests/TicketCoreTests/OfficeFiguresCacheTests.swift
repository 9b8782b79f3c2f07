import Foundation
import Testing
import TicketCore

/// The office-wide figures of `/stats` are reused briefly, dropped by every write through the
/// service, and never older than their lifetime for writes the service did not see.
@Suite("Office figures cache")
struct OfficeFiguresCacheTests {
    @Test func writesThroughTheServiceShowAtOnceOthersWithinTheLifetime() async throws {
        let fixture = try await ServiceFixture()
        let service = fixture.service
        _ = try await fixture.ticket(by: fixture.ann)
        #expect(try await service.stats(StatsInput(), by: fixture.ann).activeTotal == 1)

        // Another server writes to the same database: not seen while the figures are fresh...
        let now = fixture.clock.now
        _ = try await service.store.createTicket(
            NewTicket(title: "Elsewhere", description: "Another server", priority: .low, createdByID: fixture.bob.id, createdAt: now),
            event: TicketEventDraft(kind: .created, actorID: fixture.bob.id, at: now)
        )
        #expect(try await service.stats(StatsInput(), by: fixture.ann).activeTotal == 1)
        // ...but `mine` is always fresh, and the figures are after the lifetime.
        #expect(try await service.stats(StatsInput(), by: fixture.bob).mineTotal == 1)
        fixture.clock.advance(by: 2.5)
        #expect(try await service.stats(StatsInput(), by: fixture.ann).activeTotal == 2)

        // A write through this service is seen at once, as is a deactivation.
        _ = try await fixture.ticket(by: fixture.bob)
        #expect(try await service.stats(StatsInput(), by: fixture.ann).activeTotal == 3)
        #expect(try await service.stats(StatsInput(), by: fixture.ann).workload.map(\.user.id) == [fixture.admin.id, fixture.tech.id])
        try await service.deactivateUser(fixture.tech.id, by: fixture.admin)
        #expect(try await service.stats(StatsInput(), by: fixture.ann).workload.map(\.user.id) == [fixture.admin.id])
        // Each trend length is kept on its own.
        #expect(try await service.stats(StatsInput(days: "7"), by: fixture.ann).trend.count == 7)
        #expect(try await service.stats(StatsInput(), by: fixture.ann).trend.count == 30)
    }

    @Test func lifetimeZeroReadsEveryTime() async throws {
        let store = InMemoryTicketStore()
        let service = TicketService(store: store, passwords: PlainPasswordHasher(), selfRegistration: .open, officeFiguresLifetime: 0)
        let ann = try await service.register(.init(name: "Ann", email: "ann@example.com", password: "password1"))
        #expect(try await service.stats(StatsInput(), by: ann).activeTotal == 0)
        let now = Date()
        _ = try await store.createTicket(
            NewTicket(title: "Direct", description: "Written past the service", priority: .low, createdByID: ann.id, createdAt: now),
            event: TicketEventDraft(kind: .created, actorID: ann.id, at: now)
        )
        #expect(try await service.stats(StatsInput(), by: ann).activeTotal == 1)
    }
}
