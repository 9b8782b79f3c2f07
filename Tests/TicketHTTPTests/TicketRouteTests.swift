import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

@Suite("HTTP: /tickets")
struct TicketRouteTests {
    /// Empty query parameters are as if left out (`cursor=`: the first page; `assigned_to_id=`:
    /// anyone's); an `If-Match` that names no version, empty included, is a 412 that says so
    /// and changes nothing; `TRACE` on a known path is a 405 with `Allow`.
    @Test(arguments: StoreKind.allCases)
    func emptyParametersAndMalformedPreconditions(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let id = try await api.createTicket(ann)
            let plain = try await api.send(.get, "/tickets", token: ann)
            for query in ["cursor=", "assigned_to_id=", "created_by_id=", "assigned_to_id=&created_by_id=&cursor="] {
                let response = try await api.send(.get, "/tickets?\(query)", token: ann)
                #expect(response.status == .ok, "\(query): \(response.text)")
                #expect(response.headers[HTTPField.Name("X-Total-Count")!] == plain.headers[HTTPField.Name("X-Total-Count")!], "\(query)")
            }
            for tag in ["", "garbage", "\"\"", "W/\"1\""] {
                let response = try await api.send(
                    .patch, "/tickets/\(id)", token: ann, json: ["title": "Changed"], headers: [.ifMatch: tag])
                #expect(response.status == .preconditionFailed, "If-Match: \(tag)")
                let detail = response.object["detail"] as? String ?? ""
                #expect(detail.contains("names no version") && !detail.contains("-1"), "\(detail)")
            }
            #expect(try await api.send(.get, "/tickets/\(id)", token: ann).object["title"] as? String == "Printer jams")
            let trace = try await api.send(.trace, "/tickets", token: ann)
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow]?.contains("GET") == true)
        }
    }

    /// Query strings are read as forms encode them (`+` is a space, names decoded too); a
    /// `limit` past what an integer holds is clamped like any other large one; `OPTIONS` and
    /// `QUERY` on a known path are 405s with `Allow`.
    @Test(arguments: StoreKind.allCases)
    func formEncodedQueriesHugeLimitsAndOtherMethods(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            let working = try await api.createTicket(ann, title: "Working on it")
            _ = try await api.createTicket(ann, title: "Not yet")
            #expect(try await api.send(.patch, "/tickets/\(working)", token: tech, json: ["status": "in progress"]).status == .ok)
            for query in ["status=in+progress", "status=in%20progress", "st%61tus=In+Progress", "status=+in+progress+"] {
                let response = try await api.send(.get, "/tickets?\(query)", token: ann)
                #expect(response.status == .ok, "\(query): \(response.text)")
                #expect(response.array.compactMap { $0["id"] as? Int } == [working], "\(query)")
            }
            let page = try await api.send(.get, "/tickets?q=working+on&limit=1", token: ann)
            #expect(page.array.compactMap { $0["id"] as? Int } == [working])
            for limit in ["99999999999999999999999999", "+9223372036854775808", "201"] {
                let response = try await api.send(.get, "/users?limit=\(limit)", token: ann)
                #expect(response.status == .ok, "limit=\(limit): \(response.text)")
                #expect(response.array.count == 4, "limit=\(limit)")
            }
            for limit in ["0", "-99999999999999999999999999", "1e3", "00"] {
                #expect(try await api.send(.get, "/users?limit=\(limit)", token: ann).status == .badRequest, "limit=\(limit)")
            }
            for method in [HTTPRequest.Method.options, .query] {
                let response = try await api.send(method, "/tickets/\(working)", token: ann)
                #expect(response.status == .methodNotAllowed, "\(method)")
                #expect(response.headers[.allow]?.contains("PATCH") == true, "\(method)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func createReadAndETag(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let created = try await api.send(
                .post, "/tickets", token: ann,
                json: ["title": "VPN drops", "description": "Every ten minutes", "priority": " High ", "status": "closed", "id": 99]
            )
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? Int)
            #expect(id != 99)
            #expect(created.headers[.location] == "/tickets/\(id)")
            #expect(created.object["status"] as? String == "incoming")
            #expect(created.object["priority"] as? String == "high")
            #expect(created.object["updated_at"] is NSNull)
            #expect(created.object["assigned_to_user"] is NSNull)
            #expect((created.object["created_by_user"] as? [String: Any])?["email"] as? String == "ann@example.com")
            let createdAt = try #require(created.object["created_at"] as? String)
            #expect(createdAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z/) != nil)

            let fetched = try await api.send(.get, "/tickets/\(id)", token: ann)
            #expect(fetched.status == .ok)
            #expect(fetched.headers[.eTag] == "\"1\"")
            #expect(fetched.object["comments"] is [Any])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func createRejectsBadInput(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let invalid = try await api.send(.post, "/tickets", token: ann, json: ["title": "", "description": "d", "priority": "urgent"])
            #expect(invalid.status == .badRequest)
            #expect(invalid.fieldErrors("priority") == ["must be one of: low, medium, high, emergency"])
            #expect(invalid.fieldErrors("title") != nil)
            let wrongType = try await api.send(.post, "/tickets", token: ann, json: ["title": "t", "description": ["x"], "priority": "low"])
            #expect(wrongType.fieldErrors("description") == ["must be a string"])
            let tooLong = try await api.send(
                .post, "/tickets", token: ann, json: ["title": String(repeating: "x", count: 201), "description": "d", "priority": "low"]
            )
            #expect(tooLong.fieldErrors("title") == ["must be at most 200 characters"])
            let nul = try await api.send(.post, "/tickets", token: ann, json: ["title": "a\u{0}b", "description": "d", "priority": "low"])
            #expect(nul.status == .badRequest)
            let list = try await api.send(.get, "/tickets", token: ann)
            #expect(list.array.isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func plainUsersSeeOnlyTheirOwn(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            let annTicket = try await api.createTicket(ann, title: "Ann's laptop")
            let bobTicket = try await api.createTicket(bob, title: "Bob's printer")
            #expect(try await api.send(.get, "/tickets/\(bobTicket)", token: ann).status == .notFound)
            #expect(try await api.send(.patch, "/tickets/\(bobTicket)", token: ann, json: ["title": "x"]).status == .notFound)
            #expect(try await api.send(.delete, "/tickets/\(bobTicket)", token: ann).status == .notFound)
            #expect(try await api.send(.get, "/tickets/\(bobTicket)/history", token: ann).status == .notFound)
            let list = try await api.send(.get, "/tickets", token: ann)
            #expect(list.array.compactMap { $0["id"] as? Int } == [annTicket])
            #expect(list.headers[HTTPField.Name("X-Total-Count")!] == "1")
            #expect(list.array.first?["comments"] == nil)
            let tech = try await api.login("tech@example.com")
            let all = try await api.send(.get, "/tickets", token: tech)
            #expect(all.array.compactMap { $0["id"] as? Int } == [bobTicket, annTicket])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func filtersSortAndPagination(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            var ids: [Int] = []
            for (index, priority) in ["low", "high", "emergency", "medium", "high"].enumerated() {
                ids.append(try await api.createTicket(ann, title: "Ticket \(index)", priority: priority))
            }
            #expect(try await api.send(.patch, "/tickets/\(ids[1])", token: tech, json: ["status": "open", "assigned_to_id": 2]).status == .ok)
            func list(_ query: String) async throws -> [Int] {
                let response = try await api.send(.get, "/tickets?\(query)", token: tech)
                #expect(response.status == .ok, "\(query)")
                return response.array.compactMap { $0["id"] as? Int }
            }
            #expect(try await list("status=open") == [ids[1]])
            #expect(try await list("status=open,incoming").count == 5)
            #expect(try await list("status=incoming&status=open").count == 5)
            #expect(try await list("priority=high") == [ids[4], ids[1]])
            #expect(try await list("assigned_to_id=me") == [ids[1]])
            #expect(try await list("assigned_to_id=2") == [ids[1]])
            #expect(try await list("assigned_to_id=none").count == 4)
            #expect(try await list("created_by_id=3").count == 5)
            #expect(try await list("created_by_id=me").isEmpty)
            #expect(try await list("sort=-priority") == [ids[2], ids[4], ids[1], ids[3], ids[0]])
            #expect(try await list("sort=priority") == [ids[0], ids[3], ids[1], ids[4], ids[2]])
            #expect(try await list("sort=created_at") == ids)
            #expect(try await list("sort=-updated_at").first == ids[1])
            #expect(try await list("q=Ticket%203") == [ids[3]])
            for bad in ["status=bogus", "priority=urgent", "sort=title", "assigned_to_id=x", "created_by_id=none", "limit=-1", "cursor=zzz"] {
                #expect(try await api.send(.get, "/tickets?\(bad)", token: tech).status == .badRequest, "\(bad)")
            }
            // Follow rel="next" to the end: every ticket exactly once, in order.
            var seen: [Int] = []
            var next: String? = "/tickets?limit=2&sort=-priority"
            while let url = next {
                let page = try await api.send(.get, url, token: tech)
                seen += page.array.compactMap { $0["id"] as? Int }
                #expect(page.headers[HTTPField.Name("X-Total-Count")!] == "5")
                next = page.headers[HTTPField.Name("Link")!].map { String($0.dropFirst().prefix { $0 != ">" }) }
            }
            #expect(seen == [ids[2], ids[4], ids[1], ids[3], ids[0]])
            // A cursor from one sort is refused by another.
            let page = try await api.send(.get, "/tickets?limit=2", token: tech)
            let link = try #require(page.headers[HTTPField.Name("Link")!])
            let cursor = try #require(link.split(separator: "cursor=").last?.prefix { $0 != ">" && $0 != "&" })
            #expect(try await api.send(.get, "/tickets?sort=priority&cursor=\(cursor)", token: tech).status == .badRequest)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func updatesWithIfMatchAndPolicy(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            let id = try await api.createTicket(ann)
            let edited = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["title": "Printer jams badly"], headers: [.ifMatch: "\"1\""])
            #expect(edited.status == .ok)
            #expect(edited.headers[.eTag] == "\"2\"")
            #expect(edited.object["version"] as? Int == 2)
            let stale = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["title": "Lost update"], headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await api.send(.get, "/tickets/\(id)", token: ann).object["title"] as? String == "Printer jams badly")

            // A field the creator may not change refuses the whole request.
            let mixed = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["title": "New", "status": "in progress"])
            #expect(mixed.status == .forbidden)
            #expect(try await api.send(.get, "/tickets/\(id)", token: ann).object["title"] as? String == "Printer jams badly")

            let assign = try await api.send(.patch, "/tickets/\(id)", token: tech, json: ["assigned_to_id": 3])
            #expect(assign.status == .badRequest)
            #expect(assign.fieldErrors("assigned_to_id") != nil)
            let worked = try await api.send(.patch, "/tickets/\(id)", token: tech, json: ["status": "In Progress", "assigned_to_id": 2])
            #expect(worked.object["status"] as? String == "in progress")
            #expect((worked.object["assigned_to_user"] as? [String: Any])?["id"] as? Int == 2)
            let unassigned = try await api.send(.patch, "/tickets/\(id)", token: tech, json: ["assigned_to_id": NSNull()])
            #expect(unassigned.object["assigned_to_user"] is NSNull)
            let badType = try await api.send(.patch, "/tickets/\(id)", token: tech, json: ["assigned_to_id": "2"])
            #expect(badType.fieldErrors("assigned_to_id") != nil)

            let put = try await api.send(.put, "/tickets/\(id)", token: ann, json: ["title": "Only a title"])
            #expect(put.status == .badRequest)
            #expect(put.fieldErrors("description") == ["is required"])
            #expect(put.fieldErrors("priority") == ["is required"])
            let withdrawn = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["status": "closed"])
            #expect(withdrawn.object["status"] as? String == "closed")

            let history = try await api.send(.get, "/tickets/\(id)/history", token: ann)
            #expect(history.status == .ok)
            let events = history.array.compactMap { $0["event"] as? String }
            #expect(events == ["created", "title_changed", "status_changed", "assigned", "unassigned", "status_changed"])
            #expect((history.array[2]["actor"] as? [String: Any])?["name"] as? String == "Tess Tech")
            #expect(history.array[2]["from"] as? String == "incoming")
            #expect(history.array[2]["to"] as? String == "in progress")
            let paged = try await api.send(.get, "/tickets/\(id)/history?limit=4", token: ann)
            #expect(paged.array.count == 4)
            #expect(paged.headers[HTTPField.Name("Link")!] != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func duplicates(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            let tech = try await api.login("tech@example.com")
            let original = try await api.createTicket(ann)
            let copy = try await api.createTicket(bob)
            #expect(try await api.send(.patch, "/tickets/\(copy)", token: bob, json: ["duplicate_of_id": original]).status == .forbidden)
            let marked = try await api.send(.patch, "/tickets/\(copy)", token: tech, json: ["duplicate_of_id": original])
            #expect(marked.status == .ok)
            #expect(marked.object["status"] as? String == "closed")
            #expect(marked.object["duplicate_of_id"] as? Int == original)
            let cycle = try await api.send(.patch, "/tickets/\(original)", token: tech, json: ["duplicate_of_id": copy])
            #expect(cycle.fieldErrors("duplicate_of_id") != nil)
            let missing = try await api.send(.patch, "/tickets/\(original)", token: tech, json: ["duplicate_of_id": 999])
            #expect(missing.fieldErrors("duplicate_of_id") != nil)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func deletion(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let tech = try await api.login("tech@example.com")
            let admin = try await api.login("admin@example.com", "admin-password")
            let incoming = try await api.createTicket(ann)
            let worked = try await api.createTicket(ann)
            _ = try await api.send(.patch, "/tickets/\(worked)", token: tech, json: ["status": "open"])
            _ = try await api.send(.post, "/tickets/\(worked)/comments", token: ann, json: ["content": "hello"])
            #expect(try await api.send(.delete, "/tickets/\(worked)", token: ann).status == .forbidden)
            #expect(try await api.send(.delete, "/tickets/\(worked)", token: tech).status == .forbidden)
            let own = try await api.send(.delete, "/tickets/\(incoming)", token: ann)
            #expect(own.status == .ok)
            #expect(own.object["message"] as? String == "Ticket deleted")
            #expect(try await api.send(.delete, "/tickets/\(worked)", token: admin).status == .ok)
            #expect(try await api.send(.get, "/tickets/\(worked)", token: admin).status == .notFound)
            #expect(try await api.send(.get, "/comments", token: admin).array.isEmpty)
            #expect(try await api.send(.delete, "/tickets/\(worked)", token: admin).status == .notFound)
        }
    }
}
