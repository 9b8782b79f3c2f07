import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// Requests that once stopped the whole server, kept as regressions: each must now get a 200
/// or a 400 and leave the server answering.
private let linkHeader = HTTPField.Name("Link")!
private let totalCountHeader = HTTPField.Name("X-Total-Count")!

@Suite("HTTP: hostile requests")
struct HostileRequestTests {
    /// Query strings the parser accepts but `URLComponents` refused to re-encode: building the
    /// `Link` header trapped on them.
    static let rawQueries = [
        "x=%zz", "x=%", "x=%4", "x=\"", "x=|", "x=<", "x=>", "x=\\", "x=^", "x=`", "q=café", "%zz=1", "x=a%00b", "x=%E9", "=", "&&", "x",
    ]

    @Test(arguments: StoreKind.allCases)
    func nextLinksSurviveRawQueryBytes(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let admin = try await api.login("admin@example.com", "admin-password")
            for raw in Self.rawQueries {
                let first = try await api.send(.get, "/users?limit=1&\(raw)", token: admin)
                #expect(first.status == .ok, "\(raw)")
                #expect(first.array.count == 1, "\(raw)")
                let link = try #require(first.headers[linkHeader], "\(raw)")
                let target = try #require(link.firstMatch(of: /^<([^>]*)>; rel="next"$/)?.1, "\(raw): \(link)")
                #expect(target.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "\"" && $0 != "|" }, "\(raw): \(link)")
                let second = try await api.send(.get, String(target), token: admin)
                #expect(second.status == .ok, "\(raw): \(target)")
                #expect(second.array.first?["id"] as? Int != first.array.first?["id"] as? Int, "\(raw)")
                // Following the link keeps every other parameter as the server decoded it.
                #expect(second.headers[linkHeader]?.contains("limit=1") == true, "\(raw)")
            }
        }
    }

    /// Paths the router accepts keep working in the link, and never turn into another host.
    @Test(arguments: StoreKind.allCases)
    func nextLinksKeepThePath(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let admin = try await api.login("admin@example.com", "admin-password")
            for path in ["//users", "/users/"] {
                let first = try await api.send(.get, "\(path)?limit=1", token: admin)
                guard first.status == .ok else { continue }
                let link = try #require(first.headers[linkHeader], "\(path)")
                #expect(link.hasPrefix("</users"), "\(path): \(link)")
            }
            let ann = try await api.login("ann@example.com")
            let id = try await api.createTicket(ann)
            _ = try await api.send(.post, "/tickets/\(id)/comments", token: ann, json: ["content": "one"])
            let history = try await api.send(.get, "/tickets/+\(id)/history?limit=1", token: ann)
            if history.status == .ok {
                let link = try #require(history.headers[linkHeader])
                let target = try #require(link.firstMatch(of: /^<([^>]*)>/)?.1)
                #expect(try await api.send(.get, String(target), token: ann).status == .ok, "\(link)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func nextLinksKeepDecodedValues(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            for index in 1...3 { _ = try await api.createTicket(ann, title: "Café printer \(index)") }
            let first = try await api.send(.get, "/tickets?limit=1&q=caf%C3%A9&status=incoming,open", token: ann)
            #expect(first.status == .ok)
            #expect(first.headers[totalCountHeader] == "3")
            let link = try #require(first.headers[linkHeader])
            #expect(link.contains("q=caf%C3%A9"))
            #expect(link.contains("status=incoming%2Copen"))
            let target = try #require(link.firstMatch(of: /^<([^>]*)>/)?.1)
            let second = try await api.send(.get, String(target), token: ann)
            #expect(second.status == .ok)
            #expect(second.headers[totalCountHeader] == "3")
            #expect(second.array.count == 1)
        }
    }

    /// A cursor whose key no sort can produce: PostgreSQL's driver trapped encoding it as a date.
    @Test(arguments: StoreKind.allCases)
    func forgedCursorsAreBadRequests(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let tech = try await api.login("tech@example.com")
            let ann = try await api.login("ann@example.com")
            for index in 1...3 { _ = try await api.createTicket(ann, title: "Ticket \(index)") }
            let forged = [
                ("/tickets", "v1|-created_at|9223372036854775807|1"),
                ("/tickets", "v1|-created_at|9223372036854775|1"),
                ("/tickets", "v1|-created_at|-9223372036854775808|1"),
                ("/tickets?sort=updated_at", "v1|updated_at|92233720368547758|1"),
                ("/tickets?sort=-priority", "v1|-priority|9223372036854775807|1"),
                ("/tickets?sort=-priority", "v1|-priority|3|-1"),
                ("/users", "v1|id|5|-5"),
                ("/comments", "v1|id|0|0"),
                ("/tickets/1/history", "v1|id|1"),
                ("/tickets/1/comments", "v1|-created_at|1|1"),
            ]
            for (path, raw) in forged {
                let cursor = Data(raw.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                    .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                let separator = path.contains("?") ? "&" : "?"
                for token in [tech, ann] {
                    let response = try await api.send(.get, "\(path)\(separator)cursor=\(cursor)", token: token)
                    #expect(response.status == .badRequest, "\(path) \(raw)")
                    #expect(response.fieldErrors("cursor") != nil, "\(path) \(raw)")
                }
            }
            #expect(try await api.send(.get, "/tickets?cursor=%zz", token: tech).fieldErrors("cursor") != nil)
            #expect(try await api.send(.get, "/tickets?cursor=" + String(repeating: "A", count: 5000), token: tech).status == .badRequest)
            #expect(try await api.send(.get, "/health").status == .ok)
        }
    }

    /// Text values that PostgreSQL refuses (a NUL) or that no store should receive: 400, never 500.
    @Test(arguments: StoreKind.allCases)
    func textThatNoStoreTakesIsABadRequest(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let admin = try await api.login("admin@example.com", "admin-password")
            #expect(try await api.send(.get, "/tickets?q=printer%00jam", token: admin).fieldErrors("q") != nil)
            #expect(try await api.send(.get, "/tickets?q=" + String(repeating: "x", count: 501), token: admin).fieldErrors("q") != nil)
            let login = try await api.send(.post, "/auth/login", json: ["email": "ann\u{0}@example.com", "password": "password1"])
            #expect(login.status == .badRequest)
            #expect(login.fieldErrors("email") != nil)
            let longEmail = try await api.send(
                .post, "/auth/login", json: ["email": String(repeating: "a", count: 300) + "@example.com", "password": "x"])
            #expect(longEmail.fieldErrors("email") != nil)
            let role = try await api.send(
                .post, "/auth/register/admin", token: admin,
                json: ["name": "Nul Role", "email": "nulrole@example.com", "password": "password1", "role": "tech\u{0}"]
            )
            #expect(role.fieldErrors("role") != nil)
            let ann = try await api.login("ann@example.com")
            let id = try await api.createTicket(ann)
            for tag in ["\"99999999999999999999\"", "\"2147483648\"", "\"9223372036854775807\"", "\"-1\"", "W/\"1\"", "\"1\", \"2\""] {
                let stale = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["title": "New title"], headers: [.ifMatch: tag])
                #expect(stale.status == .preconditionFailed, "\(tag)")
            }
            #expect(try await api.send(.get, "/tickets/\(id)", token: ann).object["title"] as? String == "Printer jams")
        }
    }

    /// Nesting and duplicate keys: the body parser never descends into values the API does not
    /// read, and answers deep bodies as quickly as flat ones.
    @Test(arguments: StoreKind.allCases)
    func deeplyNestedAndOddJSONBodiesAreBadRequests(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let bodies = [
                String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
                "{\"title\":" + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "}",
                "{\"title\": " + String(repeating: "{\"a\":", count: 5000) + "1" + String(repeating: "}", count: 5000) + "}",
                "{\"title\": [" + Array(repeating: "[[[[[[[[{}]]]]]]]]", count: 20_000).joined(separator: ",") + "]}",
                "{\"title\": 1e400, \"description\": -0, \"priority\": 123456789012345678901234567890}",
                "{\"title\": \"\\ud800\", \"description\": \"d\", \"priority\": \"low\"}",
            ]
            for body in bodies {
                let response = try await api.send(.post, "/tickets", token: ann, raw: body)
                #expect(response.status == .badRequest, "\(body.prefix(60))")
            }
            let duplicate = try await api.send(
                .post, "/tickets", token: ann, raw: "{\"title\": \"One\", \"title\": \"Two\", \"description\": \"d\", \"priority\": \"low\"}"
            )
            #expect(duplicate.status == .created || duplicate.status == .badRequest)
            #expect(try await api.send(.get, "/health").status == .ok)
        }
    }

    /// Limits count Unicode scalars: a letter with thousands of combining marks once passed as
    /// one character, and its megabyte of text broke PostgreSQL's search document (a 500).
    /// Text at the limit of four-byte letters is accepted on every store.
    @Test(arguments: StoreKind.allCases)
    func lengthLimitsCountUnicodeScalars(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let marks = "a" + String(repeating: "\u{301}", count: 25_000)
            let refused = try await api.send(.post, "/tickets", token: ann, json: ["title": "Accents", "description": marks, "priority": "low"])
            #expect(refused.fieldErrors("description") == ["must be at most 20000 characters"])
            // Distinct three-letter words of mathematical bold capitals (four UTF-8 bytes each).
            let letters = (0..<26).compactMap { UnicodeScalar(0x1D400 + $0).map(String.init) }
            var words: [String] = []
            for first in letters { for second in letters { for third in letters { words.append(first + second + third) } } }
            let description = String(words.joined(separator: " ").unicodeScalars.prefix(20_000))
            #expect(description.unicodeScalars.count == 20_000)
            let accepted = try await api.send(.post, "/tickets", token: ann, json: ["title": "Bold", "description": description, "priority": "low"])
            #expect(accepted.status == .created)
            let id = try #require(accepted.object["id"] as? Int)
            let comment = try await api.send(.post, "/tickets/\(id)/comments", token: ann, json: ["content": description])
            #expect(comment.status == .created)
        }
    }
}
