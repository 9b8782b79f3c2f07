import Testing
import TicketCore
import TicketStoreConformance
import TicketTestSupport

/// The one store conformance suite, run against the real stores: every case on SQLite and on
/// PostgreSQL (each PostgreSQL case in a schema of its own).
@Suite("Store conformance: SQLite and PostgreSQL")
struct StoreConformanceTests {
    @Test(arguments: StoreKind.allCases, TicketStoreConformance.allCases)
    func conformance(_ kind: StoreKind, _ check: TicketStoreConformance) async throws {
        try await kind.withStore { store in try await check.run(against: store) }
    }
}
