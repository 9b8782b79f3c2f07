import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing
import TicketCore
import TicketHTTP
import TicketStoreSQLite
import TicketTestSupport

/// Runs `body` against the real router over a fresh store of `kind`, with an admin
/// (`admin@example.com` / `admin-password`), a technician (`tech@example.com`) and two staff
/// (`ann@example.com`, `bob@example.com`), all with password `password1` except the admin.
/// `clock`, when given, is the service's clock (tokens still use the real time).
func withAPI(
    _ kind: StoreKind,
    selfRegistration: SelfRegistration = .open,
    clock: ManualClock? = nil,
    _ body: @escaping @Sendable (APIClient) async throws -> Void
) async throws {
    try await kind.withStore { store in
        try await runAPI(store: store, selfRegistration: selfRegistration, clock: clock, body)
    }
}

private func runAPI<Store: TicketStore>(
    store: Store,
    selfRegistration: SelfRegistration,
    clock: ManualClock?,
    _ body: @escaping @Sendable (APIClient) async throws -> Void
) async throws {
    let service = TicketService(
        store: store, passwords: BcryptPasswordHasher(cost: 4), selfRegistration: selfRegistration,
        now: { clock?.now ?? Date() }
    )
    let admin = try #require(try await service.ensureAdmin(name: "Admin", email: "admin@example.com", password: "admin-password"))
    _ = try await service.register(.init(name: "Tess Tech", email: "tech@example.com", password: "password1", role: "tech"), by: admin)
    _ = try await service.register(.init(name: "Ann", email: "ann@example.com", password: "password1"), by: admin)
    _ = try await service.register(.init(name: "Bob", email: "bob@example.com", password: "password1"), by: admin)
    let tokens = try await TokenAuthority(secret: APIClient.secret)
    var logger = Logger(label: "ticket-http-tests")
    logger.logLevel = .warning
    let app = Application(router: buildTicketRouter(service: service, tokens: tokens), logger: logger)
    try await app.test(.router) { client in
        try await body(APIClient(client: client))
    }
}

/// A response, with its body parsed as JSON when it is JSON.
struct APIResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    /// The body as a JSON value (`nil` when empty or not JSON).
    var json: Any? {
        guard let data = self.text.data(using: .utf8), !data.isEmpty else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// The body as a JSON object; a body that is not one is a test failure (so that a check on
    /// a missing field cannot pass on the wrong kind of answer).
    var object: [String: Any] {
        guard let object = self.json as? [String: Any] else {
            Issue.record("expected a JSON object, got \(self.status.code): \(self.text.prefix(200))")
            return [:]
        }
        return object
    }

    /// The body of a successful list: a JSON array of objects. An error answer or another body
    /// is a test failure, so "the list is empty" cannot pass on a 4xx.
    var array: [[String: Any]] {
        guard (200..<300).contains(self.status.code), let items = self.json as? [[String: Any]] else {
            Issue.record("expected a JSON array from a 2xx answer, got \(self.status.code): \(self.text.prefix(200))")
            return []
        }
        return items
    }

    /// `errors[field]` of a validation problem.
    func fieldErrors(_ field: String) -> [String]? {
        (self.object["errors"] as? [String: Any])?[field] as? [String]
    }
}

/// Sends requests to the router and checks every response for leaks and against the OpenAPI
/// document.
struct APIClient: Sendable {
    static let secret = "test-secret-of-sufficient-length"
    let client: any TestClientProtocol

    /// Sends a request; `json` is serialised (`raw` sent as is), as `application/json` unless
    /// `headers` name another type or `labelsBody` is `false`. Every response must carry
    /// an `X-Request-Id`, no body may leak a hash, SQL or a stack trace, and every response
    /// must conform to the OpenAPI document (``OpenAPIContract``).
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = nil, json: Any? = nil, raw: String? = nil,
        headers extra: HTTPFields = [:], labelsBody: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> APIResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed]))
        } else if let raw {
            body = ByteBuffer(string: raw)
        }
        if body != nil, labelsBody, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await self.client.execute(uri: path, method: method, headers: headers, body: body)
        let result = APIResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
        #expect(result.headers[HTTPField.Name("X-Request-Id")!] != nil, "no X-Request-Id on \(method) \(path)", sourceLocation: sourceLocation)
        LeakCheck.expectClean(result, context: "\(method) \(path)", sourceLocation: sourceLocation)
        let violations = OpenAPIContract.shared.violations(
            method: method.rawValue, target: path, status: result.status.code, contentType: result.headers[.contentType], body: result.text,
            headers: Dictionary(result.headers.map { ($0.name.canonicalName, $0.value) }, uniquingKeysWith: { first, _ in first })
        )
        for violation in violations {
            Issue.record("breaks the OpenAPI document: \(violation)", sourceLocation: sourceLocation)
        }
        if !(200..<300).contains(result.status.code) {
            #expect(result.headers[.contentType] == "application/problem+json", "\(method) \(path)", sourceLocation: sourceLocation)
            #expect(result.object["status"] as? Int == result.status.code, sourceLocation: sourceLocation)
            #expect(result.object["title"] is String && result.object["detail"] is String, sourceLocation: sourceLocation)
        }
        return result
    }

    /// Logs in and returns the token.
    func login(_ email: String, _ password: String = "password1", sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let response = try await self.send(.post, "/auth/login", json: ["email": email, "password": password], sourceLocation: sourceLocation)
        #expect(response.status == .ok, sourceLocation: sourceLocation)
        return try #require(response.object["token"] as? String, sourceLocation: sourceLocation)
    }

    /// The id of the user a token belongs to (`GET /auth/me`), so tests do not depend on the
    /// order accounts were seeded in.
    func userID(_ token: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> Int {
        let me = try await self.send(.get, "/auth/me", token: token, sourceLocation: sourceLocation)
        return try #require(me.object["id"] as? Int, sourceLocation: sourceLocation)
    }

    /// Creates a ticket and returns its id.
    func createTicket(_ token: String, title: String = "Printer jams", priority: String = "high", sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> Int
    {
        let response = try await self.send(
            .post, "/tickets", token: token, json: ["title": title, "description": "It jams on page two.", "priority": priority],
            sourceLocation: sourceLocation
        )
        #expect(response.status == .created, sourceLocation: sourceLocation)
        return try #require(response.object["id"] as? Int, sourceLocation: sourceLocation)
    }
}

/// Fails on any response body that shows a bcrypt hash, a hash column, SQL, a driver
/// message or a stack trace.
enum LeakCheck {
    static let forbidden: [String] = [
        "$2a$", "$2b$", "$2y$", "password_hash", "passwordHash", "SELECT ", "INSERT INTO", "UPDATE tickets", "DELETE FROM",
        "SQLITE_", "sqlite", "GRDB", "DatabaseError", "PSQLError", "Fatal error", "Stack trace", ".swift:", "0x0000",
        APIClient.secret,
    ]

    /// The forbidden fragments found in `text`.
    static func leaks(in text: String) -> [String] {
        self.forbidden.filter { text.contains($0) }
    }

    static func expectClean(_ response: APIResponse, context: String, sourceLocation: SourceLocation) {
        for needle in self.leaks(in: response.text) {
            Issue.record("\(context) leaks \"\(needle)\": \(response.text.prefix(300))", sourceLocation: sourceLocation)
        }
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        self.current = Mutex(start)
    }

    var now: Date { self.current.withLock { $0 } }

    /// Sets the time to `date`.
    func set(_ date: Date) {
        self.current.withLock { $0 = date }
    }
}
