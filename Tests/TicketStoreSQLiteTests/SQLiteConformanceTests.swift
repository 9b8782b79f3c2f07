import GRDB
import TicketCore
import TicketStoreConformance
import TicketStoreSQLite
import Testing

@Suite("SQLiteTicketStore conformance")
struct SQLiteConformanceTests {
    @Test(arguments: TicketStoreConformance.allCases)
    func conformance(_ check: TicketStoreConformance) async throws {
        try await check.run(against: SQLiteTicketStore(DatabaseQueue()))
    }
}
