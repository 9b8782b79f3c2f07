import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

@Suite("HTTP: similar tickets")
struct SimilarRouteTests {
    @Test(arguments: StoreKind.allCases)
    func similarShowsOthersTicketsRedacted(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            let bobs = try await api.send(
                .post, "/tickets", token: bob,
                json: ["title": "Printer on floor 2 jams", "description": "Bob's secret details about the printer", "priority": "high"]
            )
            let bobTicket = try #require(bobs.object["id"] as? Int)
            #expect((bobs.object["possible_duplicates"] as? [Any])?.isEmpty == true)

            let similar = try await api.send(.get, "/tickets/similar?title=printers%20jammed&description=second%20floor", token: ann)
            #expect(similar.status == .ok)
            let first = try #require(similar.array.first)
            #expect(first["id"] as? Int == bobTicket)
            #expect(Set(first.keys) == ["id", "title", "status", "priority", "created_at", "score"])
            #expect(first["score"] is Double || first["score"] is Int)
            #expect(!similar.text.contains("secret details"))
            #expect(!similar.text.contains("bob@example.com"))
            // Ann still cannot open it.
            #expect(try await api.send(.get, "/tickets/\(bobTicket)", token: ann).status == .notFound)

            // Creating the same problem again lists Bob's ticket as a possible duplicate, never itself.
            let annTicket = try await api.send(
                .post, "/tickets", token: ann, json: ["title": "Printer jammed", "description": "Floor 2 printer jams", "priority": "medium"]
            )
            let duplicates = try #require(annTicket.object["possible_duplicates"] as? [[String: Any]])
            #expect(duplicates.compactMap { $0["id"] as? Int } == [bobTicket])
            #expect(duplicates.first?["description"] == nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func similarExcludesClosedAndValidates(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            let ids = [
                try await api.createTicket(ann, title: "VPN drops every few minutes"),
                try await api.createTicket(ann, title: "VPN disconnects at home"),
            ]
            #expect(try await api.send(.patch, "/tickets/\(ids[0])", token: tech, json: ["status": "closed"]).status == .ok)
            let similar = try await api.send(.get, "/tickets/similar?title=vpn", token: ann)
            #expect(similar.array.compactMap { $0["id"] as? Int } == [ids[1]])

            // Many candidates: sorted by score, best first; `limit` defaults to 5 and is clamped to 20.
            for number in 0..<23 {
                let words = number.isMultiple(of: 2) ? "Wi-Fi printer drops" : "Wi-Fi drops in the meeting room \(number)"
                _ = try await api.createTicket(ann, title: words)
            }
            let ranked = try await api.send(.get, "/tickets/similar?title=wifi%20printer%20drops", token: ann)
            #expect(ranked.array.count == 5)
            let clamped = try await api.send(.get, "/tickets/similar?title=wifi%20printer%20drops&limit=500", token: ann)
            #expect(clamped.array.count == 20)
            let scores = clamped.array.compactMap { ($0["score"] as? NSNumber)?.doubleValue }
            #expect(scores.count == 20)
            #expect(scores == scores.sorted(by: >))
            #expect(Set(scores).count > 1, "every candidate scored the same, so the order was not tested")

            let missing = try await api.send(.get, "/tickets/similar?title=%20", token: ann)
            #expect(missing.status == .badRequest)
            #expect(missing.fieldErrors("title") != nil)
            #expect(try await api.send(.get, "/tickets/similar?title=vpn&limit=x", token: ann).status == .badRequest)
            #expect(try await api.send(.get, "/tickets/similar?title=vpn").status == .unauthorized)
        }
    }
}
