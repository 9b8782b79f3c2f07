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
            metadata: ["status": .stringConvertible(response.status.code), "duration_ms": .string(Self.milliseconds(elapsed))]
        )
        return response
    }

    private static func requestID(from request: Request) -> String {
        if let given = request.headers[.requestID], (1...128).contains(given.count),
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") })
        {
            return given
        }
        var random = SystemRandomNumberGenerator()
        return Self.hex(random.next()) + Self.hex(random.next())
    }

    /// `value` as 16 lowercase hex digits. (Foundation's `String(format:)` costs more than the
    /// rest of a small request.)
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.utf8.count) + digits
    }

    /// A duration in milliseconds with two decimals, as `12.34`.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let hundredths = min(max(0, seconds), 86_400_000) * 100_000 + max(0, attoseconds) / 10_000_000_000_000
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
