import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Testing
import TicketCore
import TicketHTTP
import TicketStoreSQLite
import TicketTestSupport

/// The OpenAPI document and the router agree: the same paths, and on each path exactly the
/// documented methods are served (the others answer 405).
@Suite("OpenAPI document")
struct OpenAPITests {
    @Test func documentMatchesTheRouter() async throws {
        try await withAPI(.sqlite) { api in
            let spec = try await api.send(.get, "/openapi.json")
            let paths = try #require(spec.object["paths"] as? [String: Any])
            let store = try SQLiteTicketStore(DatabaseQueue())
            let router = buildTicketRouter(
                service: TicketService(store: store, passwords: BcryptPasswordHasher(cost: 4)),
                tokens: try await TokenAuthority(secret: String(repeating: "x", count: 32))
            )
            let routed = Set(
                router.routes.map {
                    "/"
                        + $0.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
                            separator: "/")
                })
            #expect(routed == Set(paths.keys))

            let admin = try await api.login("admin@example.com", "admin-password")
            let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
            for (path, item) in paths {
                let documented = Set(((item as? [String: Any]) ?? [:]).keys.map { $0.uppercased() })
                let concrete = path.replacingOccurrences(of: "{id}", with: "1")
                for method in methods {
                    let response = try await api.send(
                        method, concrete, token: admin, json: [.post, .put, .patch].contains(method) ? [String: Any]() : nil)
                    #expect((response.status != .methodNotAllowed) == documented.contains(method.rawValue), "\(method) \(path)")
                }
            }
        }
    }
}
