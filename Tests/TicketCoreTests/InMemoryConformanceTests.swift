import Testing
import TicketCore
import TicketStoreConformance

@Suite("InMemoryTicketStore conformance")
struct InMemoryConformanceTests {
    @Test(arguments: TicketStoreConformance.allCases)
    func conformance(_ check: TicketStoreConformance) async throws {
        try await check.run(against: InMemoryTicketStore())
    }
}
