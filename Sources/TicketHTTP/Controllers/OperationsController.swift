import Foundation
import Hummingbird
import HTTPTypes
import Logging
import TicketCore

/// `/health` and the OpenAPI document; no authentication.
struct OperationsController<Store: TicketStore> {
    let service: TicketService<Store>

    /// The OpenAPI 3.1 document shipped with the module (JSON, which is also valid YAML).
    static var openAPIDocument: Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            preconditionFailure("openapi.json is missing from the TicketHTTP bundle")
        }
        return data
    }

    func addRoutes(to router: Router<TicketRequestContext>) {
        router.get("health", use: self.health)
        let document = ByteBuffer(bytes: Self.openAPIDocument)
        router.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: document))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: .init(byteBuffer: document))
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
