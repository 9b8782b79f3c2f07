import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// Every ticket, comment and profile route, for each role and relation to the object (admin,
/// tech as the assignee, a staff member who created it, a stranger, nobody signed in), with the
/// exact status docs/api.md gives. A refusal (400, 401, 403, 404) changes nothing, and the 404 for an
/// object the caller may not see is byte for byte the 404 for one that does not exist.
@Suite("HTTP: permission and visibility matrix")
struct PermissionMatrixTests {
    /// Who sends the request, as seen from Bob's ticket (created by Bob, assigned to Tess).
    enum Actor: String, CaseIterable {
        case admin, assigneeTech, creator, stranger, anonymous
    }

    /// What an allowed request must have done, as an administrator then sees it.
    enum Effect {
        /// `GET path` answers an object whose `key` is `value` (compared as text).
        case field(String, String, String)
        /// `GET path` answers an object whose `key` is an array holding `id`.
        case lists(String, String, Int)
        /// `GET path` answers 404.
        case gone(String)
    }

    /// One route on Bob's ticket (`{t}`) or Bob's comment on it (`{c}`), the body it sends, the
    /// expected status per actor, and what it must have done when allowed, in the order the rows
    /// run (destructive ones last). `prepare`, sent by an administrator first, puts the ticket
    /// in the state the row is about whatever the earlier rows did for this actor.
    struct Row {
        var method: HTTPRequest.Method
        var path: String
        var body: [String: Any]?
        var expected: [Actor: Int]
        var effects: [Effect] = []
        var prepare: [String: Any]?
    }

    static func rows(ticket: Int, comment: Int, bob: Int, original: Int, missingTicket: Int, missingComment: Int) -> [Row] {
        func row(
            _ method: HTTPRequest.Method, _ path: String, _ body: [String: Any]? = nil, _ statuses: (Int, Int, Int, Int),
            prepare: [String: Any]? = nil, effects: [Effect] = []
        ) -> Row {
            Row(
                method: method, path: path, body: body,
                expected: [.admin: statuses.0, .assigneeTech: statuses.1, .creator: statuses.2, .stranger: statuses.3, .anonymous: 401],
                effects: effects, prepare: prepare
            )
        }
        let t = "/tickets/\(ticket)"
        return [
            row(.get, t, nil, (200, 200, 200, 404)),
            row(.get, "\(t)/history", nil, (200, 200, 200, 404)),
            row(.get, "\(t)/comments", nil, (200, 200, 200, 404)),
            row(.get, "/comments?ticket_id=\(ticket)", nil, (200, 200, 200, 404)),
            row(.get, "/comments/\(comment)", nil, (200, 200, 200, 404)),
            row(.get, "/tickets/\(missingTicket)", nil, (404, 404, 404, 404)),
            // The office figures and "similar" are for everyone signed in (similar shows others'
            // tickets without their description or people).
            row(.get, "/stats", nil, (200, 200, 200, 200)),
            row(.get, "/tickets/similar?title=printer", nil, (200, 200, 200, 200)),
            row(.get, "/comments/\(missingComment)", nil, (404, 404, 404, 404)),
            row(.post, "\(t)/comments", ["content": "Me too"], (201, 201, 201, 404), effects: [.field(t, "comment_count", "2")]),
            row(.post, "/comments", ["ticket_id": ticket, "content": "Me too"], (201, 201, 201, 404), effects: [.field(t, "comment_count", "3")]),
            row(.patch, t, ["status": ""], (400, 400, 400, 404)),
            row(.patch, t, ["priority": "low"], (200, 200, 200, 404), effects: [.field(t, "priority", "low")]),
            row(.patch, t, ["status": "on hold"], (200, 200, 403, 404), effects: [.field(t, "status", "on hold")]),
            row(.patch, t, ["assigned_to_id": NSNull()], (200, 200, 403, 404), effects: [.field(t, "assigned_to_user", "<null>")]),
            row(
                .put, t, ["title": "Bob's printer", "description": "Still jams.", "priority": "medium"], (200, 200, 200, 404),
                effects: [.field(t, "title", "Bob's printer"), .field(t, "description", "Still jams."), .field(t, "priority", "medium")]),
            row(
                .patch, "/comments/\(comment)", ["content": "Edited"], (200, 200, 200, 404),
                effects: [.field("/comments/\(comment)", "content", "Edited")]),
            row(.patch, "/users/\(bob)", ["name": "Renamed"], (200, 403, 200, 403), effects: [.field("/users/\(bob)", "name", "Renamed")]),
            // Reopen: from resolved back to open, the one move back a creator may make.
            row(.patch, t, ["status": "open"], (200, 200, 200, 404), prepare: ["status": "resolved"], effects: [.field(t, "status", "open")]),
            // Any other move back is not the creator's.
            row(.patch, t, ["status": "open"], (200, 200, 403, 404), prepare: ["status": "on hold"], effects: [.field(t, "status", "open")]),
            // Withdraw: the creator closes their own ticket.
            row(.patch, t, ["status": "closed"], (200, 200, 200, 404), prepare: ["status": "in progress"], effects: [.field(t, "status", "closed")]),
            row(
                .patch, t, ["duplicate_of_id": original], (200, 200, 403, 404), prepare: ["status": "open"],
                effects: [
                    .field(t, "duplicate_of_id", "\(original)"), .field(t, "status", "closed"), .lists("/tickets/\(original)", "duplicates", ticket),
                ]),
            row(.delete, "/comments/\(comment)", nil, (200, 403, 200, 404), effects: [.gone("/comments/\(comment)")]),
            // Bob's ticket is past "incoming" by now: its creator may no longer delete it.
            row(.delete, t, nil, (200, 403, 403, 404), effects: [.gone(t)]),
        ]
    }

    @Test(arguments: StoreKind.allCases)
    func everyRouteForEveryRole(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let admin = try await api.login("admin@example.com", "admin-password")
            // Anonymous has no token.
            let tokens: [Actor: String] = [
                .admin: admin, .assigneeTech: try await api.login("tech@example.com"), .creator: try await api.login("bob@example.com"),
                .stranger: try await api.login("ann@example.com"),
            ]
            let bobToken = try #require(tokens[.creator])
            let bob = try #require(try await api.send(.get, "/auth/me", token: tokens[.creator]).object["id"] as? Int)
            let tech = try #require(try await api.send(.get, "/auth/me", token: tokens[.assigneeTech]).object["id"] as? Int)

            for actor in Actor.allCases {
                // A fresh ticket of Bob's, assigned to Tess and opened, with a comment of Bob's.
                let ticket = try await api.createTicket(bobToken, title: "Bob's printer jams")
                let assigned = try await api.send(.patch, "/tickets/\(ticket)", token: admin, json: ["assigned_to_id": tech, "status": "open"])
                #expect(assigned.status == .ok)
                let comment = try #require(
                    try await api.send(.post, "/tickets/\(ticket)/comments", token: tokens[.creator], json: ["content": "It jams"])
                        .object["id"] as? Int)
                let original = try await api.createTicket(bobToken, title: "Bob's printer jammed before")
                var notFoundAnswers: [String: String] = [:]
                for row in Self.rows(ticket: ticket, comment: comment, bob: bob, original: original, missingTicket: 999_999, missingComment: 999_998)
                {
                    if let prepare = row.prepare {
                        #expect(try await api.send(.patch, "/tickets/\(ticket)", token: admin, json: prepare).status == .ok)
                    }
                    let before = try await Self.snapshot(api, admin: admin, ticket: ticket, comment: comment, user: bob)
                    let response = try await api.send(row.method, row.path, token: tokens[actor], json: row.body)
                    let expected = try #require(row.expected[actor])
                    #expect(response.status.code == expected, "\(actor) \(row.method) \(row.path) \(row.body ?? [:])")
                    if response.status.code >= 400 {
                        let after = try await Self.snapshot(api, admin: admin, ticket: ticket, comment: comment, user: bob)
                        #expect(after == before, "\(actor) \(row.method) \(row.path) was refused but changed something")
                    } else {
                        for effect in row.effects {
                            try await Self.expect(effect, api, admin: admin, "\(actor) \(row.method) \(row.path) \(row.body ?? [:])")
                        }
                    }
                    if response.status.code >= 400 {
                        let problem = try response.decoded(APIProblem.self)
                        #expect(problem.status == response.status.code)
                    } else if row.method == .get, row.path.hasPrefix("/tickets/\(ticket)"), !row.path.contains("/history"),
                        !row.path.contains("/comments")
                    {
                        #expect(try response.decoded(APITicket.self).id == ticket)
                    }
                    if response.status.code == 404 {
                        // What a 404 says depends on the kind of object, never on whether it
                        // exists: the same status, headers and body.
                        let kind = row.path.hasPrefix("/comments/") ? "comment" : "ticket"
                        let answer = Self.notFoundAnswer(response)
                        if let earlier = notFoundAnswers[kind] {
                            #expect(answer == earlier, "\(actor) \(row.method) \(row.path): a 404 that differs from a missing \(kind)'s")
                        } else {
                            notFoundAnswers[kind] = answer
                        }
                    }
                }
                // A stranger's view of Bob's profile lists none of Bob's tickets or comments.
                let profile = try await api.send(.get, "/users/\(bob)", token: tokens[.stranger])
                #expect(profile.status == .ok)
                #expect(try profile.decoded(APIUser.self).id == bob)
                #expect((profile.object["created_tickets"] as? [Any])?.isEmpty == true)
                #expect((profile.object["created_comments"] as? [Any])?.isEmpty == true)
            }
            // Only an administrator deactivates, never themselves; a stranger is refused.
            #expect(try await api.send(.delete, "/users/\(bob)", token: tokens[.stranger]).status == .forbidden)
            #expect(try await api.send(.delete, "/users/\(bob)", token: tokens[.assigneeTech]).status == .forbidden)
            let adminID = try #require(try await api.send(.get, "/auth/me", token: admin).object["id"] as? Int)
            #expect(try await api.send(.delete, "/users/\(adminID)", token: admin).status == .forbidden)
        }
    }

    /// A 404 as a client sees it: the status, every header but the request's id and the date, the body.
    static func notFoundAnswer(_ response: APIResponse) -> String {
        let headers = response.headers.filter { !["x-request-id", "date"].contains($0.name.canonicalName) }
            .map { "\($0.name.canonicalName): \($0.value)" }.sorted()
        return "\(response.status.code)\n\(headers.joined(separator: "\n"))\n\(response.text)"
    }

    /// Fails unless an administrator sees `effect`.
    static func expect(_ effect: Effect, _ api: APIClient, admin: String, _ context: String) async throws {
        switch effect {
        case .field(let path, let key, let value):
            let response = try await api.send(.get, path, token: admin)
            #expect(response.object[key].map { "\($0)" } == value, "\(context) did not set \(key) of \(path) to \(value)")
        case .lists(let path, let key, let id):
            let response = try await api.send(.get, path, token: admin)
            #expect((response.object[key] as? [Int])?.contains(id) == true, "\(context) left \(id) out of \(key) of \(path)")
        case .gone(let path):
            #expect(try await api.send(.get, path, token: admin).status == .notFound, "\(context) left \(path) in place")
        }
    }

    /// What an administrator sees of the objects a row may touch: equal before and after a
    /// refused request.
    static func snapshot(_ api: APIClient, admin: String, ticket: Int, comment: Int, user: Int) async throws -> [String] {
        var parts: [String] = []
        for path in ["/tickets/\(ticket)", "/tickets/\(ticket)/history?limit=200", "/comments/\(comment)", "/users/\(user)", "/tickets?limit=200"] {
            let response = try await api.send(.get, path, token: admin)
            parts.append("\(response.status.code) \(response.text)")
        }
        return parts
    }
}
