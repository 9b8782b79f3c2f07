import Foundation
import HTTPTypes
import Testing

/// The API's bodies as typed values, decoded strictly (a missing or mistyped field is a test
/// failure, not a `nil` that a later check might accept).
struct APIUser: Decodable, Equatable {
    struct RoleName: Decodable, Equatable {
        var role_name: String
    }
    var id: Int
    var name: String
    var email: String
    var user_role: RoleName
    var active: Bool
}

/// A person as a ticket or comment names them.
struct APIPerson: Decodable, Equatable {
    var id: Int?
    var name: String
    var email: String
}

/// A ticket as a list shows it; single-ticket fields are optional.
struct APITicket: Decodable, Equatable {
    var id: Int
    var title: String
    var description: String
    var priority: String
    var status: String
    var version: Int
    var created_by_user: APIPerson
    var assigned_to_user: APIPerson?
    var duplicate_of_id: Int?
    var queue_position: Int?
    var duplicates: [Int]?
    var duplicate_count: Int?
}

/// A comment.
struct APIComment: Decodable, Equatable {
    var id: Int
    var content: String
    var user_id: Int
    var ticket_id: Int
}

/// An RFC 9457 problem.
struct APIProblem: Decodable, Equatable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var errors: [String: [String]]?
}

extension APIResponse {
    /// The body decoded as `T`; a body that does not decode is a test failure.
    func decoded<T: Decodable>(_ type: T.Type = T.self, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(self.text.utf8))
        } catch {
            Issue.record("the body of a \(self.status.code) is not a \(T.self): \(error); \(self.text.prefix(200))", sourceLocation: sourceLocation)
            throw error
        }
    }
}
