import HTTPTypes
import Hummingbird

/// Headers every response carries: `X-Content-Type-Options: nosniff` (a browser never guesses
/// a type), `Referrer-Policy: no-referrer`, and `Cache-Control: no-store` (API responses hold
/// personal data and must not sit in shared or browser caches).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
