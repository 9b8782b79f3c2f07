import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives each request an id (the client's `X-Request-Id` when it is sane, else a new one),
/// returns it in `X-Request-Id`, and logs one line per request.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = TicketRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = Self.requestID(from: request)
        context.logger[metadataKey: "hb.request.id"] = .string(context.requestID)
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestID] = context.requestID
        let elapsed = ContinuousClock.now - start
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code)",
            metadata: [
                "status": .stringConvertible(response.status.code),
                "duration_ms": .string(
                    String(format: "%.2f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
            ]
        )
        return response
    }

    private static func requestID(from request: Request) -> String {
        if let given = request.headers[.requestID], (1...128).contains(given.count),
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        {
            return given
        }
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max)) }.joined()
    }
}
