import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// Every response of the HTTP suite passes through `APIClient.send`, which fails the test on a
/// leaked hash, SQL text or stack trace. This suite proves the check bites, then walks every
/// route with hostile input and expects no 500 and no leak.
@Suite("HTTP: no leaks")
struct LeakWalkTests {
    @Test(arguments: [
        #"{"password_hash": "x"}"#, "$2b$12$abcdefghijklmnopqrstuv", "near \"SELECT \": syntax error",
        "Fatal error: Unexpectedly found nil at TicketService.swift:12", "SQLITE_CONSTRAINT: UNIQUE constraint failed",
    ])
    func leakCheckCatchesPlantedLeaks(_ planted: String) {
        #expect(!LeakCheck.leaks(in: planted).isEmpty)
        #expect(LeakCheck.leaks(in: #"{"title": "Printer jams", "status": "open"}"#).isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func hostileInputOnEveryRouteNeverLeaksOrCrashes(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let admin = try await api.login("admin@example.com", "admin-password")
            let ticket = try await api.createTicket(ann)
            let hostile = "x'); DROP TABLE tickets; -- \" OR 1=1 NEAR(*)"
            let bodies: [Any] = [
                [
                    "title": hostile, "description": hostile, "priority": hostile, "status": hostile, "content": hostile,
                    "name": hostile, "email": hostile, "password": hostile, "role": hostile, "ticket_id": hostile, "assigned_to_id": hostile,
                ],
                ["title": 1, "description": true, "priority": [1], "status": ["a": 1], "ticket_id": -5, "duplicate_of_id": 1.5],
                [:],
            ]
            let routes: [(HTTPRequest.Method, String)] = [
                (.post, "/auth/register"), (.post, "/auth/login"), (.post, "/auth/register/admin"), (.get, "/auth/me"),
                (.get, "/users"), (.get, "/users/2"), (.patch, "/users/3"), (.put, "/users/3"), (.delete, "/users/999"),
                (.get, "/tickets"), (.post, "/tickets"), (.get, "/tickets/\(ticket)"), (.patch, "/tickets/\(ticket)"),
                (.put, "/tickets/\(ticket)"), (.get, "/tickets/\(ticket)/history"), (.get, "/tickets/\(ticket)/comments"),
                (.post, "/tickets/\(ticket)/comments"), (.get, "/comments"), (.post, "/comments"), (.get, "/comments/1"),
                (.patch, "/comments/1"), (.put, "/comments/1"), (.delete, "/comments/999"), (.delete, "/tickets/999"),
            ]
            for token in [ann, admin] {
                for (method, path) in routes {
                    for body in bodies {
                        let response = try await api.send(method, path, token: token, json: [.post, .put, .patch].contains(method) ? body : nil)
                        #expect(response.status.code < 500, "\(method) \(path) -> \(response.status.code)")
                    }
                }
            }
            let query = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            for path in [
                "/tickets?q=\(query)", "/tickets?status=\(query)", "/tickets?sort=\(query)", "/tickets?cursor=\(query)", "/users?limit=\(query)",
            ] {
                #expect(try await api.send(.get, path, token: ann).status.code < 500, "\(path)")
            }
            // The tables are all still there.
            #expect(try await api.send(.get, "/tickets/\(ticket)", token: ann).status == .ok)
        }
    }
}
