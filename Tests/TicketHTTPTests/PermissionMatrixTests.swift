import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// Every ticket, comment and profile route, for each role and relation to the object (admin,
/// tech as the assignee, a staff member who created it, a stranger, nobody signed in), with the
/// exact status API.md gives. A refusal (400, 401, 403, 404) changes nothing, and the 404 for an
/// object the caller may not see is byte for byte the 404 for one that does not exist.
@Suite("HTTP: permission and visibility matrix")
struct PermissionMatrixTests {
    /// Who sends the request, as seen from Bob's ticket (created by Bob, assigned to Tess).
    enum Actor: String, CaseIterable {
        case admin, assigneeTech, creator, stranger, anonymous
    }

    /// One route on Bob's ticket (`{t}`) or Bob's comment on it (`{c}`), the body it sends, and
    /// the expected status per actor, in the order the rows run (destructive ones last).
    struct Row {
        var method: HTTPRequest.Method
        var path: String
        var body: [String: Any]?
        var expected: [Actor: Int]
    }

    static func rows(ticket: Int, comment: Int, bob: Int, missingTicket: Int, missingComment: Int) -> [Row] {
        func row(_ method: HTTPRequest.Method, _ path: String, _ body: [String: Any]? = nil, _ statuses: (Int, Int, Int, Int)) -> Row {
            Row(
                method: method, path: path, body: body,
                expected: [.admin: statuses.0, .assigneeTech: statuses.1, .creator: statuses.2, .stranger: statuses.3, .anonymous: 401]
            )
        }
        return [
            row(.get, "/tickets/\(ticket)", nil, (200, 200, 200, 404)),
            row(.get, "/tickets/\(ticket)/history", nil, (200, 200, 200, 404)),
            row(.get, "/tickets/\(ticket)/comments", nil, (200, 200, 200, 404)),
            row(.get, "/comments?ticket_id=\(ticket)", nil, (200, 200, 200, 404)),
            row(.get, "/comments/\(comment)", nil, (200, 200, 200, 404)),
            row(.get, "/tickets/\(missingTicket)", nil, (404, 404, 404, 404)),
            // The office figures and "similar" are for everyone signed in (similar shows others'
            // tickets without their description or people).
            row(.get, "/stats", nil, (200, 200, 200, 200)),
            row(.get, "/tickets/similar?title=printer", nil, (200, 200, 200, 200)),
            row(.get, "/comments/\(missingComment)", nil, (404, 404, 404, 404)),
            row(.post, "/tickets/\(ticket)/comments", ["content": "Me too"], (201, 201, 201, 404)),
            row(.post, "/comments", ["ticket_id": ticket, "content": "Me too"], (201, 201, 201, 404)),
            row(.patch, "/tickets/\(ticket)", ["status": ""], (400, 400, 400, 404)),
            row(.patch, "/tickets/\(ticket)", ["priority": "high"], (200, 200, 200, 404)),
            row(.patch, "/tickets/\(ticket)", ["status": "on hold"], (200, 200, 403, 404)),
            row(.patch, "/tickets/\(ticket)", ["assigned_to_id": NSNull()], (200, 200, 403, 404)),
            row(.put, "/tickets/\(ticket)", ["title": "Bob's printer", "description": "Still jams.", "priority": "medium"], (200, 200, 200, 404)),
            row(.patch, "/comments/\(comment)", ["content": "Edited"], (200, 200, 200, 404)),
            row(.patch, "/users/\(bob)", ["name": "Renamed"], (200, 403, 200, 403)),
            row(.delete, "/comments/\(comment)", nil, (200, 403, 200, 404)),
            // Bob's ticket is past "incoming" by now: its creator may no longer delete it.
            row(.delete, "/tickets/\(ticket)", nil, (200, 403, 403, 404)),
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
                var notFoundBodies: [String: String] = [:]
                for row in Self.rows(ticket: ticket, comment: comment, bob: bob, missingTicket: 999_999, missingComment: 999_998) {
                    let before = try await Self.snapshot(api, admin: admin, ticket: ticket, comment: comment, user: bob)
                    let response = try await api.send(row.method, row.path, token: tokens[actor], json: row.body)
                    let expected = try #require(row.expected[actor])
                    #expect(response.status.code == expected, "\(actor) \(row.method) \(row.path) \(row.body ?? [:])")
                    if response.status.code >= 400 {
                        let after = try await Self.snapshot(api, admin: admin, ticket: ticket, comment: comment, user: bob)
                        #expect(after == before, "\(actor) \(row.method) \(row.path) was refused but changed something")
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
                        // What a 404 says depends on the kind of object, never on whether it exists.
                        let kind = row.path.hasPrefix("/comments/") ? "comment" : "ticket"
                        if let earlier = notFoundBodies[kind] {
                            #expect(response.text == earlier, "\(actor) \(row.method) \(row.path): a 404 that differs from a missing \(kind)'s")
                        } else {
                            notFoundBodies[kind] = response.text
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
