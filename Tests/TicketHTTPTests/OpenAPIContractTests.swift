import Foundation
import Testing

/// The response validator itself finds planted mistakes (else a green HTTP suite proves nothing).
@Suite("OpenAPI contract checker")
struct OpenAPIContractTests {
    static let user =
        #"{"id": 2, "name": "Ann", "email": "ann@example.com", "user_role": {"role_name": "user"}, "active": true, "created_at": "2026-11-25T12:17:24.123Z"}"#

    static func ticket(_ members: String = "") -> String {
        #"{"id": 1, "title": "Printer", "description": "Jams", "priority": "high", "status": "open", "category": "Hardware", "created_at": "2026-11-25T12:17:24.123Z", "updated_at": null, "created_by_user": "#
            + user + #", "assigned_to_user": null, "duplicate_of_id": null, "version": 3, "resolved_at": null, "closed_at": null"# + members + "}"
    }

    /// A single-ticket response: the list form plus queue position, duplicates and comments.
    static func singleTicket(_ members: String = "") -> String {
        self.ticket(#", "queue_position": 4, "duplicates": [12, 15], "duplicate_count": 3, "comments": [], "comment_count": 0"# + members)
    }

    private func violations(
        _ method: String, _ target: String, _ status: Int, _ body: String, type: String = "application/json",
        headers: [String: String] = [:]
    ) -> [String] {
        OpenAPIContract.shared.violations(method: method, target: target, status: status, contentType: type, body: body, headers: headers)
    }

    @Test func conformingResponsesPass() {
        #expect(self.violations("GET", "/tickets/1", 200, Self.singleTicket()) == [])
        #expect(self.violations("GET", "/tickets?limit=1", 200, "[" + Self.ticket() + "]", headers: ["x-total-count": "1"]) == [])
        #expect(
            self.violations(
                "DELETE", "/tickets", 405, #"{"type": "about:blank", "title": "x", "status": 405, "detail": "x"}"#, type: "application/problem+json")
                == [])
        #expect(self.violations("GET", "/tickets/similar?title=x", 200, "[]") == [])
        #expect(
            self.violations(
                "GET", "/nowhere", 404, #"{"type": "about:blank", "title": "Not Found", "status": 404, "detail": "x"}"#,
                type: "application/problem+json") == [])
    }

    @Test func plantedMistakesAreFound() {
        // A required member missing, a wrong type, an unknown enum value, a bad timestamp, null where none is allowed.
        #expect(!self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: #", "version": 3"#, with: "")).isEmpty)
        #expect(
            !self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: #""version": 3"#, with: #""version": "3""#))
                .isEmpty)
        #expect(!self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: #""high""#, with: #""urgent""#)).isEmpty)
        #expect(
            !self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: "12:17:24.123Z", with: "12:17:24+01:00")).isEmpty)
        #expect(
            !self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: #""title": "Printer""#, with: #""title": null"#))
                .isEmpty)
        #expect(
            !self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: #""active": true"#, with: #""active": 1"#))
                .isEmpty)
        // A list whose items break the schema, a problem in the wrong content type, a body that is not JSON.
        #expect(!self.violations("GET", "/tickets", 200, #"[{"id": 1}]"#).isEmpty)
        #expect(!self.violations("GET", "/tickets/1", 404, #"{"type": "about:blank", "title": "Not Found", "status": 404, "detail": "x"}"#).isEmpty)
        #expect(!self.violations("GET", "/tickets/1", 200, "not json").isEmpty)
        #expect(!self.violations("GET", "/nowhere", 404, #"{"title": "Not Found"}"#, type: "application/problem+json").isEmpty)
        // Below a minimum, over a maximum length, null and an object at once in oneOf, a member the document does not know.
        #expect(
            !self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: #""version": 3"#, with: #""version": 0"#)).isEmpty
        )
        #expect(
            !self.violations(
                "GET", "/tickets/1", 200,
                Self.singleTicket().replacingOccurrences(of: #""Printer""#, with: "\"" + String(repeating: "é", count: 201) + "\"")
            ).isEmpty)
        #expect(
            !self.violations(
                "GET", "/tickets/1", 200,
                Self.singleTicket().replacingOccurrences(of: #""assigned_to_user": null"#, with: #""assigned_to_user": {"id": 1}"#)
            ).isEmpty)
        #expect(!self.violations("GET", "/tickets/1", 200, Self.singleTicket(#", "secret": "x""#)).isEmpty)
        #expect(!self.violations("GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: "ann@example.com", with: "ann")).isEmpty)
        // A single ticket without its queue position, a position of 0, a listed ticket without closed_at.
        #expect(!self.violations("GET", "/tickets/1", 200, Self.ticket()).isEmpty)
        #expect(
            !self.violations(
                "GET", "/tickets/1", 200, Self.singleTicket().replacingOccurrences(of: #""queue_position": 4"#, with: #""queue_position": 0"#)
            ).isEmpty)
        #expect(
            !self.violations(
                "GET", "/tickets", 200, "[" + Self.ticket().replacingOccurrences(of: #", "closed_at": null"#, with: "") + "]",
                headers: ["x-total-count": "1"]
            ).isEmpty)
        // A status the operation does not document (default stands only for 405, 413, 415), a 500, a list without X-Total-Count.
        let problem = #"{"type": "about:blank", "title": "x", "status": 409, "detail": "x"}"#
        #expect(!self.violations("GET", "/tickets/1", 409, problem, type: "application/problem+json").isEmpty)
        #expect(!self.violations("GET", "/tickets/1", 500, problem, type: "application/problem+json").isEmpty)
        #expect(!self.violations("GET", "/tickets", 200, "[]").isEmpty)
        #expect(!self.violations("GET", "/tickets", 200, "[]", headers: ["x-total-count": "many"]).isEmpty)
    }
}
