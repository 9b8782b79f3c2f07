import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// Check-then-write races over HTTP: the rule a request was allowed by is checked again inside
/// the write, so two requests sent at once never both land when only one may.
@Suite("HTTP: write races")
struct WriteRaceTests {
    /// A creator's delete (allowed while the ticket is `incoming`) and a technician's move to
    /// `open`, sent together: never both succeed, and a ticket that is gone was never opened.
    @Test(arguments: StoreKind.allCases)
    func aCreatorsDeleteNeverLandsAfterTheTicketMovedOn(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            for round in 0..<15 {
                let id = try await api.createTicket(ann, title: "Race \(round)")
                async let delete = api.send(.delete, "/tickets/\(id)", token: ann)
                async let open = api.send(.patch, "/tickets/\(id)", token: tech, json: ["status": "open"])
                let (deleted, opened) = try await (delete.status, open.status)
                #expect(!(deleted == .ok && opened == .ok), "round \(round): both landed")
                #expect(deleted == .ok || deleted == .forbidden, "round \(round): \(deleted)")
                let stored = try await api.send(.get, "/tickets/\(id)", token: tech)
                #expect(stored.status == (deleted == .ok ? .notFound : .ok), "round \(round)")
            }
        }
    }

    /// A technician marks A as a duplicate of B while another marks B as a duplicate of A:
    /// one of them is refused (400 `errors.duplicate_of_id`), never a cycle.
    @Test(arguments: StoreKind.allCases)
    func oppositeDuplicateMarksNeverMakeACycle(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            let admin = try await api.login("admin@example.com", "admin-password")
            for round in 0..<15 {
                let a = try await api.createTicket(ann, title: "Printer \(round) a")
                let b = try await api.createTicket(ann, title: "Printer \(round) b")
                async let first = api.send(.patch, "/tickets/\(a)", token: tech, json: ["duplicate_of_id": b])
                async let second = api.send(.patch, "/tickets/\(b)", token: admin, json: ["duplicate_of_id": a])
                let (one, two) = try await (first, second)
                #expect([one.status, two.status].filter { $0 == .ok }.count == 1, "round \(round): \(one.status), \(two.status)")
                let refused = one.status == .ok ? two : one
                #expect(refused.fieldErrors("duplicate_of_id") != nil, "round \(round)")
                let marks = try await [a, b].asyncMap { try await api.send(.get, "/tickets/\($0)", token: tech).object["duplicate_of_id"] }
                #expect(marks.filter { $0 is Int }.count == 1, "round \(round)")
            }
        }
    }
}

extension Array {
    /// The results of `transform` on each element, one after another.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
