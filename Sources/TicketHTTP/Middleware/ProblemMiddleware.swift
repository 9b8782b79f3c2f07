import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TicketCore

/// Turns every error into an RFC 9457 problem response. Domain errors keep their message;
/// framework errors keep their status; anything else is logged and answered with a bare 500,
/// so no SQL, driver text or stack trace reaches a client.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as TicketError {
            var headers = HTTPFields()
            if error.kind == .unauthenticated { headers[.wwwAuthenticate] = "Bearer" }
            if let seconds = error.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
            return ProblemDetails(status: error.httpStatus, detail: error.message, errors: error.fieldErrors).response(extraHeaders: headers)
        } catch let error as HTTPError {
            var headers = error.headers
            headers[.contentType] = nil
            return ProblemDetails(status: error.status, detail: Self.detail(for: error)).response(extraHeaders: headers)
        } catch let error as any HTTPResponseError {
            // Framework errors such as NIO's "too many bytes" (413).
            return ProblemDetails(status: error.status, detail: Self.detail(for: HTTPError(error.status))).response()
        } catch {
            context.logger.error("Unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return ProblemDetails(status: .internalServerError, detail: "The server could not complete the request").response()
        }
    }

    private static func detail(for error: HTTPError) -> String {
        if let body = error.body, !body.isEmpty { return body }
        switch error.status {
        case .notFound: return "No such resource"
        case .contentTooLarge: return "The request body is larger than \(JSONObjectBody.maximumSize) bytes"
        case .methodNotAllowed: return "This path does not serve that method"
        default: return error.status.reasonPhrase
        }
    }
}
