import Foundation
import Hummingbird
import HTTPTypes
import TicketCore

/// An RFC 9457 problem document, the one shape of every error response.
struct ProblemDetails: Encodable, Sendable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var errors: [String: [String]]?

    init(status: HTTPResponse.Status, detail: String, errors: [String: [String]]? = nil) {
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors?.isEmpty == false ? errors : nil
        if status == .badRequest, errors != nil { self.title = "Validation failed" }
    }

    /// The response for this problem, with `application/problem+json` and extra headers.
    func response(extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = "application/problem+json"
        let body = (try? APIJSON.encoder.encode(self)) ?? Data()
        return Response(status: .init(code: self.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension TicketError {
    /// The one mapping from domain failures to HTTP statuses.
    var httpStatus: HTTPResponse.Status {
        switch self.kind {
        case .validation: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .staleVersion: .preconditionFailed
        case .tooManyAttempts: .tooManyRequests
        }
    }
}
