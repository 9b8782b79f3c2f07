import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// A ticket's life over HTTP, table by table: every change and the history event it writes
/// (kind, from, to, actor), the history paged to its very end, every status move a creator may
/// try, `PUT` and `PATCH` against a stale `If-Match`, writes that race without one, and what a
/// stranger sees of a technician's profile.
@Suite("HTTP: history, status moves and versions")
struct HistoryTableTests {
    /// One history row as the API shows it.
    struct Event: Equatable, CustomStringConvertible {
        var kind: String
        var from: String?
        var to: String?
        var actor: Int

        var description: String { "\(self.kind) \(self.from ?? "-") → \(self.to ?? "-") by \(self.actor)" }

        init(_ kind: String, _ from: String? = nil, _ to: String? = nil, by actor: Int) {
            (self.kind, self.from, self.to, self.actor) = (kind, from, to, actor)
        }

        init(_ json: [String: Any]) {
            self.kind = json["event"] as? String ?? "?"
            self.from = json["from"] as? String
            self.to = json["to"] as? String
            self.actor = (json["actor"] as? [String: Any])?["id"] as? Int ?? -1
        }
    }

    /// The people of the harness plus a second technician, Tom, with their ids and tokens.
    struct People {
        var admin: String, tess: String, tom: String, ann: String, bob: String
        var adminID: Int, tessID: Int, tomID: Int, annID: Int, bobID: Int

        init(_ api: APIClient) async throws {
            self.admin = try await api.login("admin@example.com", "admin-password")
            let tom = try await api.send(
                .post, "/auth/register/admin", token: self.admin,
                json: ["name": "Tom Tech", "email": "tom@example.com", "password": "password1", "role": "tech"])
            #expect(tom.status == .created)
            (self.tess, self.tom) = (try await api.login("tech@example.com"), try await api.login("tom@example.com"))
            (self.ann, self.bob) = (try await api.login("ann@example.com"), try await api.login("bob@example.com"))
            (self.adminID, self.tessID, self.tomID) = (
                try await api.userID(self.admin), try await api.userID(self.tess), try await api.userID(self.tom)
            )
            (self.annID, self.bobID) = (try await api.userID(self.ann), try await api.userID(self.bob))
        }
    }

    /// Every change to Ann's ticket, one request per row, with exactly the events it must add.
    @Test(arguments: StoreKind.allCases)
    func everyChangeWritesItsEventsAndTheHistoryPagesToItsEnd(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let p = try await People(api)
            let ticket = try await api.createTicket(p.ann, title: "Printer jams", priority: "low")
            let original = try await api.createTicket(p.ann, title: "Printer jammed last week")
            let t = "/tickets/\(ticket)"
            var comment = 0
            typealias Step = (token: String, method: HTTPRequest.Method, path: () -> String, body: [String: Any]?, events: [Event])
            let steps: [Step] = [
                (p.ann, .patch, { t }, ["title": "Printer jams daily"], [Event("title_changed", "Printer jams", "Printer jams daily", by: p.annID)]),
                (p.ann, .patch, { t }, ["description": "Tray 2, every morning."], [Event("description_changed", by: p.annID)]),
                (p.ann, .patch, { t }, ["priority": "high"], [Event("priority_changed", "low", "high", by: p.annID)]),
                // Equal values are no change and write nothing.
                (p.ann, .patch, { t }, ["priority": "High", "title": " Printer jams daily "], []),
                (p.tess, .patch, { t }, ["status": "open"], [Event("status_changed", "incoming", "open", by: p.tessID)]),
                (p.tess, .patch, { t }, ["assigned_to_id": p.tessID], [Event("assigned", nil, "\(p.tessID)", by: p.tessID)]),
                (p.tess, .patch, { t }, ["assigned_to_id": p.tomID], [Event("assigned", "\(p.tessID)", "\(p.tomID)", by: p.tessID)]),
                (p.admin, .patch, { t }, ["assigned_to_id": NSNull()], [Event("unassigned", "\(p.tomID)", nil, by: p.adminID)]),
                (p.tom, .post, { "\(t)/comments" }, ["content": "Which tray?"], [Event("commented", by: p.tomID)]),
                // The comment's id in these two is the one the row before created (`#` below).
                (p.tom, .patch, { "/comments/\(comment)" }, ["content": "Which tray, 1 or 2?"], [Event("comment_edited", nil, "#", by: p.tomID)]),
                (p.tom, .delete, { "/comments/\(comment)" }, nil, [Event("comment_deleted", "#", nil, by: p.tomID)]),
                (
                    p.tess, .put, { t }, ["title": "Tray 2 jams", "description": "Every morning.", "priority": "emergency", "status": "in progress"],
                    [
                        Event("title_changed", "Printer jams daily", "Tray 2 jams", by: p.tessID), Event("description_changed", by: p.tessID),
                        Event("priority_changed", "high", "emergency", by: p.tessID),
                        Event("status_changed", "open", "in progress", by: p.tessID),
                    ]
                ),
                (
                    p.tess, .patch, { t }, ["priority": "medium", "status": "on hold", "assigned_to_id": p.tessID],
                    [
                        Event("priority_changed", "emergency", "medium", by: p.tessID),
                        Event("status_changed", "in progress", "on hold", by: p.tessID),
                        Event("assigned", nil, "\(p.tessID)", by: p.tessID),
                    ]
                ),
                (p.tess, .patch, { t }, ["status": "resolved"], [Event("status_changed", "on hold", "resolved", by: p.tessID)]),
                (p.ann, .patch, { t }, ["status": "open"], [Event("status_changed", "resolved", "open", by: p.annID)]),
                (
                    p.tom, .patch, { t }, ["duplicate_of_id": original],
                    [Event("marked_duplicate", nil, "\(original)", by: p.tomID), Event("status_changed", "open", "closed", by: p.tomID)]
                ),
            ]
            var expected = [Event("created", by: p.annID)]
            for step in steps {
                let path = step.path()
                let response = try await api.send(step.method, path, token: step.token, json: step.body)
                #expect((200..<300).contains(response.status.code), "\(step.method) \(path) \(step.body ?? [:]): \(response.text)")
                if step.method == .post { comment = try #require(response.object["id"] as? Int) }
                expected += step.events.map { event in
                    var event = event
                    (event.from, event.to) = (event.from == "#" ? "\(comment)" : event.from, event.to == "#" ? "\(comment)" : event.to)
                    return event
                }
                let history = try await api.send(.get, "\(t)/history?limit=200", token: p.ann)
                #expect(history.array.map(Event.init) == expected, "after \(step.method) \(path) \(step.body ?? [:])")
            }

            // Oldest first, one `at` per request, never going back.
            let all = try await api.send(.get, "\(t)/history?limit=200", token: p.admin).array
            let times = all.compactMap { $0["at"] as? String }
            #expect(times.count == expected.count && times == times.sorted())

            // Every page size, followed to the end: no repeat, no gap, the total on every page.
            for limit in [1, 2, 3, 5, expected.count - 1, expected.count, 200] {
                var seen: [Event] = []
                var next: String? = "\(t)/history?limit=\(limit)"
                var pages = 0
                while let target = next, pages <= expected.count {
                    let page = try await api.send(.get, target, token: p.ann)
                    #expect(page.headers[HTTPField.Name("X-Total-Count")!] == "\(expected.count)", "limit \(limit), page \(pages)")
                    let events = page.array.map(Event.init)
                    #expect(!events.isEmpty && events.count <= limit, "limit \(limit), page \(pages): \(events.count) events")
                    seen += events
                    pages += 1
                    next = page.headers[HTTPField.Name("Link")!].flatMap { $0.firstMatch(of: /^<([^>]*)>; rel="next"$/).map { String($0.1) } }
                }
                #expect(seen == expected, "limit \(limit)")
                #expect(pages == (expected.count + limit - 1) / limit, "limit \(limit): \(pages) pages")
            }
        }
    }

    /// All 30 moves between two different statuses, tried by the ticket's creator: only a
    /// withdrawal (an active ticket to `closed`) and a reopening (`resolved` to `open`) are
    /// theirs (docs/api.md). An allowed
    /// move takes effect with its event; a refused one is a 403 that changes nothing.
    @Test(arguments: StoreKind.allCases)
    func everyStatusMoveOfACreator(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let p = try await People(api)
            let statuses = ["incoming", "open", "in progress", "on hold", "resolved", "closed"]
            var tried = 0
            for from in statuses {
                for to in statuses where to != from {
                    let ticket = try await api.createTicket(p.ann, title: "From \(from) to \(to)")
                    if from != "incoming" {
                        #expect(try await api.send(.patch, "/tickets/\(ticket)", token: p.tess, json: ["status": from]).status == .ok)
                    }
                    let before = try await api.send(.get, "/tickets/\(ticket)", token: p.admin)
                    let historyBefore = try await api.send(.get, "/tickets/\(ticket)/history", token: p.admin).array.map(Event.init)
                    let move = try await api.send(.patch, "/tickets/\(ticket)", token: p.ann, json: ["status": to])
                    let after = try await api.send(.get, "/tickets/\(ticket)", token: p.admin)
                    let history = try await api.send(.get, "/tickets/\(ticket)/history", token: p.admin).array.map(Event.init)
                    let active = !["resolved", "closed"].contains(from)
                    let allowed = (active && to == "closed") || (from == "resolved" && to == "open")
                    if allowed {
                        #expect(move.status == .ok, "\(from) → \(to)")
                        #expect(after.object["status"] as? String == to, "\(from) → \(to)")
                        #expect(history == historyBefore + [Event("status_changed", from, to, by: p.annID)], "\(from) → \(to)")
                    } else {
                        #expect(move.status == .forbidden, "\(from) → \(to)")
                        #expect(after.text == before.text && history == historyBefore, "\(from) → \(to) was refused but changed something")
                    }
                    tried += 1
                }
            }
            #expect(tried == 30)
        }
    }

    /// `PUT` and `PATCH` with a stale `If-Match` are 412s that change nothing; with the current
    /// version they apply, and the `ETag` moves on.
    @Test(arguments: StoreKind.allCases)
    func staleIfMatchOnPutAndPatch(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let p = try await People(api)
            let ticket = try await api.createTicket(p.ann)
            let t = "/tickets/\(ticket)"
            let first = try #require(try await api.send(.get, t, token: p.ann).headers[.eTag])
            #expect(try await api.send(.patch, t, token: p.ann, json: ["title": "Printer jams again"], headers: [.ifMatch: first]).status == .ok)
            let current = try await api.send(.get, t, token: p.ann)
            let second = try #require(current.headers[.eTag])
            #expect(second != first)
            let replacement: [String: Any] = ["title": "Replaced", "description": "Replaced too.", "priority": "low"]
            for (method, body) in [(HTTPRequest.Method.put, replacement), (.patch, ["title": "Lost update"])] {
                let stale = try await api.send(method, t, token: p.ann, json: body, headers: [.ifMatch: first])
                #expect(stale.status == .preconditionFailed, "\(method)")
                #expect(try await api.send(.get, t, token: p.ann).text == current.text, "a stale \(method) changed the ticket")
            }
            let history = try await api.send(.get, "\(t)/history", token: p.ann).array
            #expect(history.count == 2)
            let put = try await api.send(.put, t, token: p.ann, json: replacement, headers: [.ifMatch: second])
            #expect(put.status == .ok)
            #expect(put.object["title"] as? String == "Replaced" && put.object["priority"] as? String == "low")
            let third = try #require(try await api.send(.get, t, token: p.ann).headers[.eTag])
            #expect(third != second)
        }
    }

    /// Changes to different fields sent at once without `If-Match` all apply: a write that
    /// loses the race to another is applied again to the newer version, never refused and
    /// never lost. (At most four writers: each retries at most three times.)
    @Test(arguments: StoreKind.allCases)
    func racingWritesWithoutIfMatchAllApply(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let p = try await People(api)
            for round in 0..<12 {
                let ticket = try await api.createTicket(p.ann, title: "Race \(round)", priority: "low")
                let t = "/tickets/\(ticket)"
                let writes: [(String, [String: Any])] = [
                    (p.ann, ["title": "Race \(round) won"]), (p.ann, ["description": "Everyone wrote at once."]),
                    (p.tess, ["status": "in progress"]), (p.tom, ["assigned_to_id": p.tomID]),
                ]
                let bodies = try writes.map { (token: $0.0, raw: String(decoding: try JSONSerialization.data(withJSONObject: $0.1), as: UTF8.self)) }
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for (token, raw) in bodies {
                        group.addTask { try await api.send(.patch, t, token: token, raw: raw).status.code }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses == [200, 200, 200, 200], "round \(round)")
                let after = try await api.send(.get, t, token: p.admin).object
                #expect(after["title"] as? String == "Race \(round) won" && after["description"] as? String == "Everyone wrote at once.")
                #expect(after["status"] as? String == "in progress" && (after["assigned_to_user"] as? [String: Any])?["id"] as? Int == p.tomID)
                #expect(after["version"] as? Int == 5, "round \(round)")
                let events = try await api.send(.get, "\(t)/history", token: p.admin).array.map(Event.init).map(\.kind).sorted()
                #expect(events == ["assigned", "created", "description_changed", "status_changed", "title_changed"], "round \(round)")
            }
        }
    }

    /// A technician's profile lists the tickets assigned to them that the caller may see: for
    /// a staff member, only their own; for an administrator, all.
    @Test(arguments: StoreKind.allCases)
    func aStrangersViewOfATechniciansProfile(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let p = try await People(api)
            let anns = try await api.createTicket(p.ann, title: "Ann's screen flickers")
            let bobs = try await api.createTicket(p.bob, title: "Bob's VPN drops")
            for ticket in [anns, bobs] {
                #expect(try await api.send(.patch, "/tickets/\(ticket)", token: p.tess, json: ["assigned_to_id": p.tessID]).status == .ok)
            }
            func assigned(to user: Int, seenBy token: String) async throws -> [Int] {
                let profile = try await api.send(.get, "/users/\(user)", token: token)
                #expect(profile.status == .ok)
                return ((profile.object["assigned_tickets"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? Int }.sorted()
            }
            #expect(try await assigned(to: p.tessID, seenBy: p.ann) == [anns])
            #expect(try await assigned(to: p.tessID, seenBy: p.bob) == [bobs])
            #expect(try await assigned(to: p.tessID, seenBy: p.admin) == [anns, bobs].sorted())
            #expect(try await assigned(to: p.tessID, seenBy: p.tom) == [anns, bobs].sorted())
        }
    }
}
