import Foundation
import HTTPTypes
import Hummingbird
import TicketCore

/// An RFC 9457 problem document, the one shape of every error response.
struct ProblemDetails: JSONWritable, Sendable {
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
        var json = JSONWriter()
        self.write(to: &json)
        return Response.json(json, status: .init(code: self.status), headers: extraHeaders, contentType: "application/problem+json")
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("type")
            json.string(self.type)
            json.key("title")
            json.string(self.title)
            json.key("status")
            json.int(self.status)
            json.key("detail")
            json.string(self.detail)
            if let errors = self.errors {
                json.key("errors")
                json.object { json in
                    for (field, messages) in errors.sorted(by: { $0.key < $1.key }) {
                        json.key(field)
                        json.array(messages) { json, message in json.string(message) }
                    }
                }
            }
        }
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
        case .busy: .serviceUnavailable
        }
    }
}
