import Foundation
import HTTPTypes
import Testing
import TicketCore
import TicketHTTP
import TicketTestSupport

/// The defaults that keep a server on an office network safe: text without control
/// characters, JSON bodies only with a JSON content type, and tokens honoured no longer than
/// the server issues them for.
@Suite("HTTP: secure defaults")
struct SecureDefaultsTests {
    /// Control characters (other than tab and line breaks) are a 400 in every text field and
    /// change nothing: each would come back six bytes long in JSON, multiplying what a page of
    /// comments weighs.
    @Test(arguments: StoreKind.allCases)
    func controlCharactersAreRefused(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let id = try await api.createTicket(ann)
            for bad in ["\u{1}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{9F}", "a\u{0B}b"] {
                let ticket = try await api.send(.post, "/tickets", token: ann, json: ["title": "T", "description": "x\(bad)y", "priority": "low"])
                #expect(ticket.fieldErrors("description") != nil, "\(bad.unicodeScalars.map(\.value))")
                let title = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["title": "Printer \(bad)"])
                #expect(title.fieldErrors("title") != nil)
                let comment = try await api.send(.post, "/tickets/\(id)/comments", token: ann, json: ["content": bad])
                #expect(comment.fieldErrors("content") != nil)
                let name = try await api.send(.post, "/auth/register", json: ["name": "N\(bad)", "email": "n@example.com", "password": "password1"])
                #expect(name.fieldErrors("name") != nil)
            }
            #expect(try await api.send(.get, "/tickets", token: ann).headers[HTTPField.Name("X-Total-Count")!] == "1")
            #expect(try await api.send(.get, "/tickets/\(id)/comments", token: ann).array.isEmpty)
            #expect(try await api.send(.get, "/tickets/\(id)", token: ann).object["title"] as? String == "Printer jams")
            // Tabs and line breaks are text.
            let layout = try await api.send(.post, "/tickets/\(id)/comments", token: ann, json: ["content": "Steps:\n\t1. print\r\n\t2. jam"])
            #expect(layout.status == .created)
        }
    }

    /// A body without a JSON content type is a 415 and changes nothing, so no other web site
    /// can post a login, a registration or a ticket from an employee's browser (a form or a
    /// `text/plain` fetch needs no preflight).
    @Test(arguments: StoreKind.allCases)
    func bodiesWithoutAJSONContentTypeAreRefused(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let login = #"{"email": "ann@example.com", "password": "password1"}"#
            #expect(try await api.send(.post, "/auth/login", raw: login, labelsBody: false).status == .unsupportedMediaType)
            #expect(try await api.send(.post, "/auth/login", raw: login, headers: [.contentType: "text/plain"]).status == .unsupportedMediaType)
            let form = try await api.send(
                .post, "/auth/login", raw: "email=ann%40example.com&password=password1", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(form.status == .unsupportedMediaType)
            #expect(try await api.send(.post, "/auth/login", raw: login, headers: [.contentType: "text/plain+json"]).status == .unsupportedMediaType)
            #expect(try await api.send(.post, "/auth/login", raw: login, headers: [.contentType: "application/json; charset=utf-8"]).status == .ok)
            let register = #"{"name": "Eve", "email": "eve@example.com", "password": "password1"}"#
            #expect(try await api.send(.post, "/auth/register", raw: register, labelsBody: false).status == .unsupportedMediaType)
            #expect(try await api.send(.post, "/auth/login", json: ["email": "eve@example.com", "password": "password1"]).status == .unauthorized)
            let ann = try await api.login("ann@example.com")
            let ticket = #"{"title": "T", "description": "D", "priority": "low"}"#
            #expect(try await api.send(.post, "/tickets", token: ann, raw: ticket, labelsBody: false).status == .unsupportedMediaType)
            #expect(try await api.send(.get, "/tickets", token: ann).headers[HTTPField.Name("X-Total-Count")!] == "0")
        }
    }

    /// However it was signed, a token that would outlive the server's own lifetime from now is
    /// refused (a leaked secret or an old build's ten-year token buys no more than a day).
    @Test func tokensOutlivingTheLifetimeAreRefused() async throws {
        let issuer = try await TokenAuthority(secret: APIClient.secret, lifetime: 10 * 365 * 24 * 60 * 60)
        let verifier = try await TokenAuthority(secret: APIClient.secret)
        let long = try await TokenAuthorityFactory.token(issuer, user: 1).token
        await #expect(throws: TicketError.self) { _ = try await verifier.verify(long) }
        let usual = try await TokenAuthorityFactory.token(verifier, user: 1).token
        #expect(try await verifier.verify(usual).userID == User.ID(1))
    }

    /// `Host` names: localhost and IP literals always, configured names without case, port or
    /// final dot; anything else (a rebinding page's own name) not.
    @Test func hostAllowList() {
        let allowed = HostAllowList(names: ["Tickets.Example.com", "helpdesk:8080"])
        for host in [
            "localhost", "localhost:8080", "127.0.0.1", "10.1.2.3:80", "[::1]:8080", "[2001:db8::1]", "tickets.example.com",
            "TICKETS.example.com.:443", "helpdesk",
        ] {
            #expect(allowed.admits(host), "\(host)")
        }
        for host in [
            "evil.example", "tickets.example.com.evil.example", "example.com", "", "[nonsense]", "tickets.example.com:x",
            "local host", "helpdesk:80:80", "tickets.example.com@evil",
        ] {
            #expect(!allowed.admits(host), "\(host)")
        }
        #expect(!HostAllowList().admits("tickets.example.com"))
    }
}

/// Every answer is bounded: a ticket carries at most 50 comments (with `comment_count`),
/// comment lists do not repeat their ticket's description, and a page of large rows stops at
/// about 2 MiB with a `next` link that continues where it stopped.
@Suite("HTTP: bounded answers")
struct BoundedAnswerTests {
    @Test(arguments: StoreKind.allCases)
    func ticketsEmbedAtMostFiftyCommentsAndListsLeaveOutTheDescription(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let id = try await api.createTicket(ann)
            for index in 1...53 {
                #expect(try await api.send(.post, "/tickets/\(id)/comments", token: ann, json: ["content": "Comment \(index)"]).status == .created)
            }
            let ticket = try await api.send(.get, "/tickets/\(id)", token: ann).object
            let comments = try #require(ticket["comments"] as? [[String: Any]])
            #expect(comments.count == 50)
            #expect(comments.first?["content"] as? String == "Comment 1")
            #expect(ticket["comment_count"] as? Int == 53)
            for path in ["/tickets/\(id)/comments?limit=5", "/comments?ticket_id=\(id)&limit=5"] {
                let listed = try await api.send(.get, path, token: ann).array
                #expect(listed.count == 5)
                for comment in listed {
                    let parent = try #require(comment["ticket"] as? [String: Any], "\(path)")
                    #expect(parent["title"] as? String == "Printer jams")
                    #expect(parent["description"] == nil, "\(path) repeats the description")
                }
            }
            let single = try await api.send(.get, "/comments/\(try #require(comments.first?["id"] as? Int))", token: ann).object
            #expect((single["ticket"] as? [String: Any])?["description"] as? String == "It jams on page two.")
            let short = try await api.createTicket(ann, title: "Short thread")
            #expect(try await api.send(.get, "/tickets/\(short)", token: ann).object["comment_count"] as? Int == 0)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func pagesOfLargeRowsStopAtAboutTwoMebibytes(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            // 30 tickets of 20,000 four-byte characters: about 2.4 MB of descriptions.
            let description = String(repeating: "\u{1F5A8}", count: 20_000)
            var created: Set<Int> = []
            for index in 0..<30 {
                let response = try await api.send(
                    .post, "/tickets", token: ann, json: ["title": "Large \(index)", "description": description, "priority": "low"])
                created.insert(try #require(response.object["id"] as? Int))
            }
            var seen: [Int] = []
            var target: String? = "/tickets?limit=200"
            var pages = 0
            while let path = target, pages < 10 {
                let page = try await api.send(.get, path, token: ann)
                #expect(page.text.utf8.count < (2 << 20) + 100_000, "a page of \(page.text.utf8.count) bytes")
                #expect(page.headers[HTTPField.Name("X-Total-Count")!] == "30")
                seen += page.array.compactMap { $0["id"] as? Int }
                target = page.headers[HTTPField.Name("Link")!].flatMap { link in link.split(separator: ">").first.map { String($0.dropFirst()) } }
                pages += 1
            }
            #expect(pages >= 2, "the page of 2.4 MB was sent whole")
            #expect(seen.count == 30)
            #expect(Set(seen) == created)
        }
    }
}
