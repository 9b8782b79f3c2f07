import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TicketCore

/// `/health` and the OpenAPI document; no authentication.
struct OperationsController<Store: TicketStore> {
    let service: TicketService<Store>

    /// The OpenAPI 3.1 document shipped with the module (JSON, which is also valid YAML);
    /// `nil` when the build lost its resource bundle.
    static func loadOpenAPIDocument() -> Data? {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else { return nil }
        return try? Data(contentsOf: url)
    }

    /// The shipped document with this server's categories as the `enum` of the `Category` and
    /// `CategoryFilter` schemas (what a client may send; responses use `CategoryName`, since a
    /// ticket keeps a category the server no longer offers), so a client (or a fuzzer) knows
    /// which values it may send. The shipped document as it is if it cannot be rewritten.
    static func servedDocument(categories: TicketCategories) -> Data? {
        guard let shipped = Self.loadOpenAPIDocument() else { return nil }
        guard var document = (try? JSONSerialization.jsonObject(with: shipped)) as? [String: Any],
            var components = document["components"] as? [String: Any],
            var schemas = components["schemas"] as? [String: Any],
            var category = schemas["Category"] as? [String: Any],
            var filter = schemas["CategoryFilter"] as? [String: Any]
        else { return shipped }
        category["enum"] = categories.names
        filter["enum"] = categories.names + [TicketCategories.noneFilter]
        schemas["Category"] = category
        schemas["CategoryFilter"] = filter
        components["schemas"] = schemas
        document["components"] = components
        return (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? shipped
    }

    func addRoutes(to router: Router<TicketRequestContext>) {
        router.get("health", use: self.health)
        // Made once, when the routes are built. A build without the document answers these two
        // routes with a problem instead of stopping the server.
        let document = Self.servedDocument(categories: self.service.categories).map { ByteBuffer(bytes: $0) }
        for (path, contentType) in [("openapi.json", "application/json; charset=utf-8"), ("openapi.yaml", "application/yaml; charset=utf-8")] {
            router.get(RouterPath(path)) { _, _ in
                guard let document else {
                    return ProblemDetails(status: .internalServerError, detail: "This build of the server has no OpenAPI document").response()
                }
                return Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: document))
            }
        }
    }

    @Sendable func health(_ request: Request, context: TicketRequestContext) async throws -> Response {
        do {
            try await self.service.store.ping()
        } catch {
            context.logger.error("Health check failed", metadata: ["error": "\(String(reflecting: error))"])
            return ProblemDetails(status: .serviceUnavailable, detail: "The database does not answer").response()
        }
        var json = JSONWriter()
        json.object { json in
            json.key("status")
            json.string("ok")
        }
        return Response.json(json)
    }
}
