import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

@Suite("HTTP: /comments")
struct CommentRouteTests {
    @Test(arguments: StoreKind.allCases)
    func commentLifecycle(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            let bob = try await api.login("bob@example.com")
            let ticket = try await api.createTicket(ann)

            let created = try await api.send(.post, "/comments", token: ann, json: ["ticket_id": ticket, "content": "It happened again"])
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? Int)
            #expect(created.headers[.location] == "/comments/\(id)")
            #expect(created.object["ticket_id"] as? Int == ticket)
            #expect(created.object["user_id"] as? Int == 3)
            #expect((created.object["user"] as? [String: Any])?["name"] as? String == "Ann")
            #expect((created.object["ticket"] as? [String: Any])?["title"] as? String == "Printer jams")
            #expect(created.object["updated_at"] is NSNull)

            let viaTicket = try await api.send(.post, "/tickets/\(ticket)/comments", token: tech, json: ["content": "On my way"])
            #expect(viaTicket.status == .created)
            let techComment = try #require(viaTicket.object["id"] as? Int)

            let listed = try await api.send(.get, "/tickets/\(ticket)/comments", token: ann)
            #expect(listed.array.compactMap { $0["id"] as? Int } == [id, techComment])
            #expect(listed.headers[HTTPField.Name("X-Total-Count")!] == "2")
            #expect(try await api.send(.get, "/comments?ticket_id=\(ticket)", token: ann).array.count == 2)

            #expect(try await api.send(.get, "/comments/\(id)", token: bob).status == .notFound)
            #expect(try await api.send(.get, "/comments?ticket_id=\(ticket)", token: bob).status == .notFound)
            #expect(try await api.send(.get, "/comments", token: bob).array.isEmpty)
            #expect(try await api.send(.post, "/comments", token: bob, json: ["ticket_id": ticket, "content": "me too"]).status == .notFound)
            #expect(try await api.send(.post, "/comments", token: ann, json: ["ticket_id": 999, "content": "x"]).status == .notFound)
            let blank = try await api.send(.post, "/comments", token: ann, json: ["ticket_id": ticket, "content": " "])
            #expect(blank.fieldErrors("content") == ["must not be blank"])
            let noTicket = try await api.send(.post, "/comments", token: ann, json: ["content": "x"])
            #expect(noTicket.fieldErrors("ticket_id") == ["is required"])
            #expect(try await api.send(.get, "/comments?ticket_id=abc", token: ann).status == .badRequest)

            #expect(try await api.send(.patch, "/comments/\(techComment)", token: ann, json: ["content": "edited"]).status == .forbidden)
            let edited = try await api.send(.put, "/comments/\(id)", token: ann, json: ["content": "It happened twice"])
            #expect(edited.object["content"] as? String == "It happened twice")
            #expect(edited.object["updated_at"] is String)
            #expect(try await api.send(.delete, "/comments/\(id)", token: tech).status == .forbidden)
            let deleted = try await api.send(.delete, "/comments/\(id)", token: ann)
            #expect(deleted.object["message"] as? String == "Comment deleted")
            #expect(try await api.send(.get, "/comments/\(id)", token: ann).status == .notFound)
        }
    }
}
