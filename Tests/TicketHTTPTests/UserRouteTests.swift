import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

@Suite("HTTP: /users")
struct UserRouteTests {
    @Test(arguments: StoreKind.allCases)
    func listIsPaginatedWithLinkAndTotal(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let first = try await api.send(.get, "/users?limit=3", token: ann)
            #expect(first.status == .ok)
            #expect(first.array.count == 3)
            #expect(first.headers[HTTPField.Name("X-Total-Count")!] == "4")
            #expect(first.array.allSatisfy { $0["password_hash"] == nil && $0["email"] is String && $0["user_role"] != nil })
            let link = try #require(first.headers[HTTPField.Name("Link")!])
            #expect(link.hasSuffix("rel=\"next\""))
            let next = String(link.dropFirst().prefix { $0 != ">" })
            #expect(next.hasPrefix("/users?"))
            #expect(next.contains("limit=3"))
            let second = try await api.send(.get, next, token: ann)
            #expect(second.array.count == 1)
            #expect(second.headers[HTTPField.Name("Link")!] == nil)
            let ids = (first.array + second.array).compactMap { $0["id"] as? Int }
            #expect(ids == ids.sorted() && Set(ids).count == 4)
            #expect(try await api.send(.get, "/users?limit=abc", token: ann).status == .badRequest)
            #expect(try await api.send(.get, "/users?cursor=garbage", token: ann).status == .badRequest)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func profileShowsOnlyVisibleNestedObjects(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            let bobID = try await api.userID(bob)
            _ = try await api.createTicket(bob)
            let asAnn = try await api.send(.get, "/users/\(bobID)", token: ann)
            #expect(asAnn.status == .ok)
            #expect(
                try asAnn.decoded(APIUser.self)
                    == APIUser(id: bobID, name: "Bob", email: "bob@example.com", user_role: .init(role_name: "user"), active: true))
            #expect((asAnn.object["created_tickets"] as? [Any])?.isEmpty == true)
            let tech = try await api.login("tech@example.com")
            let asTech = try await api.send(.get, "/users/\(bobID)", token: tech)
            #expect((asTech.object["created_tickets"] as? [Any])?.count == 1)
            #expect(asTech.object["assigned_tickets"] is [Any])
            #expect(asTech.object["created_comments"] is [Any])
            #expect(try await api.send(.get, "/users/999999", token: ann).status == .notFound)
            #expect(try await api.send(.get, "/users/abc", token: ann).status == .notFound)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func updatesFollowThePolicy(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let annID = try await api.userID(ann)
            let bobID = try await api.userID(try await api.login("bob@example.com"))
            let renamed = try await api.send(.patch, "/users/\(annID)", token: ann, json: ["name": "Ann Lee"])
            #expect(renamed.status == .ok)
            #expect(renamed.object["name"] as? String == "Ann Lee")
            #expect(try await api.send(.patch, "/users/\(bobID)", token: ann, json: ["name": "Hacked"]).status == .forbidden)
            let escalate = try await api.send(.patch, "/users/\(annID)", token: ann, json: ["name": "Ann Admin", "role": "admin"])
            #expect(escalate.status == .forbidden)
            let me = try await api.send(.get, "/auth/me", token: ann)
            #expect(me.object["name"] as? String == "Ann Lee")
            #expect((me.object["user_role"] as? [String: Any])?["role_name"] as? String == "user")
            let put = try await api.send(.put, "/users/\(annID)", token: ann, json: ["name": "Only name"])
            #expect(put.status == .badRequest)
            #expect(put.fieldErrors("email") == ["is required"])
            #expect(
                try await api.send(.patch, "/users/\(annID)", token: ann, json: ["email": "bob@example.com"]).fieldErrors("current_password") != nil)
            let taken = try await api.send(
                .patch, "/users/\(annID)", token: ann, json: ["email": "bob@example.com", "current_password": "password1"])
            #expect(taken.status == .conflict)

            let admin = try await api.login("admin@example.com", "admin-password")
            let promoted = try await api.send(.patch, "/users/\(annID)", token: admin, json: ["role": "tech"])
            #expect((promoted.object["user_role"] as? [String: Any])?["role_name"] as? String == "tech")
            // The role change applies to Ann's existing token at once: as a technician she sees
            // Bob's ticket, which as a plain user she could not.
            let bob = try await api.login("bob@example.com")
            let bobsTicket = try await api.createTicket(bob, title: "Bob's monitor flickers")
            #expect(try await api.send(.get, "/tickets/\(bobsTicket)", token: ann).status == .ok)
            #expect(try await api.send(.get, "/tickets", token: ann).array.compactMap { $0["id"] as? Int }.contains(bobsTicket))
            #expect(try await api.send(.patch, "/users/\(annID)", token: admin, json: ["role": "user"]).status == .ok)
            #expect(try await api.send(.get, "/tickets/\(bobsTicket)", token: ann).status == .notFound)
            #expect(try await api.send(.patch, "/users/\(annID)", token: admin, json: ["role": "wizard"]).fieldErrors("role") != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deleteDeactivatesAndKeepsAttribution(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let bob = try await api.login("bob@example.com")
            let bobID = try await api.userID(bob)
            let ticketID = try await api.createTicket(bob)
            #expect(try await api.send(.post, "/tickets/\(ticketID)/comments", token: bob, json: ["content": "Urgent please"]).status == .created)

            let ann = try await api.login("ann@example.com")
            #expect(try await api.send(.delete, "/users/\(bobID)", token: ann).status == .forbidden)
            let admin = try await api.login("admin@example.com", "admin-password")
            #expect(try await api.send(.delete, "/users/\(try await api.userID(admin))", token: admin).status == .forbidden)
            let deleted = try await api.send(.delete, "/users/\(bobID)", token: admin)
            #expect(deleted.status == .ok)
            #expect(deleted.object["message"] as? String == "User deactivated")

            #expect(try await api.send(.post, "/auth/login", json: ["email": "bob@example.com", "password": "password1"]).status == .unauthorized)
            #expect(try await api.send(.get, "/auth/me", token: bob).status == .unauthorized)
            let ticket = try await api.send(.get, "/tickets/\(ticketID)", token: admin)
            #expect(ticket.status == .ok)
            let creator = try #require(ticket.object["created_by_user"] as? [String: Any])
            #expect(creator["id"] as? Int == bobID)
            #expect(creator["active"] as? Bool == false)
            let comments = try #require(ticket.object["comments"] as? [[String: Any]])
            #expect((comments.first?["user"] as? [String: Any])?["email"] as? String == "bob@example.com")
            let profile = try await api.send(.get, "/users/\(bobID)", token: admin)
            #expect(profile.object["active"] as? Bool == false)
        }
    }
}
