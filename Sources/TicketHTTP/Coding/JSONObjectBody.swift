import Foundation
import Hummingbird
import TicketCore

/// A request body read as one JSON object, with typed field access that collects
/// "wrong JSON type" errors per field (a 400 with `errors[field]`).
struct JSONObjectBody {
    /// Largest body accepted; larger gets a 413.
    static let maximumSize = 1 << 20
    /// How long a client may take to send the whole body; slower gets a 408. (The idle timeout
    /// alone would let a client that sends a byte now and then hold the request open forever,
    /// with the identity it had when the request began.)
    static let deadline: Duration = .seconds(30)

    private let fields: [String: JSONField]
    private var errors = FieldErrors()

    /// Reads and parses the body: 415 for a missing or non-JSON content type, 413 when over the
    /// limit, 400 for malformed JSON or a body that is not an object.
    ///
    /// The content type is required because a browser sends a cross-site form or `fetch` without
    /// a preflight only with a form or `text/plain` type: requiring JSON means no other web site
    /// can post to the API (a login or a registration) from an employee's browser.
    init(request: Request) async throws {
        guard let contentType = request.headers[.contentType], let mediaType = MediaType(from: contentType),
            mediaType.isType(.applicationJson) || (mediaType.type == .application && mediaType.subType.hasSuffix("+json"))
        else {
            throw HTTPError(.unsupportedMediaType, message: "The request body must be sent as Content-Type: application/json")
        }
        let body = request.body
        let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: Self.maximumSize) }
            group.addTask {
                try await Task.sleep(for: Self.deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw HTTPError(.requestTimeout, message: "The request body did not arrive within \(Self.deadline.components.seconds) seconds")
            }
            return buffer
        }
        let data = Data(buffer.readableBytesView)
        do {
            self.fields = try JSONDecoder().decode([String: JSONField].self, from: data)
        } catch {
            // Valid JSON of another shape gets the more helpful message.
            if (try? JSONDecoder().decode(JSONField.self, from: data)) != nil {
                throw TicketError.invalidRequest("The request body must be a JSON object")
            }
            throw TicketError.invalidRequest("The request body is not valid JSON")
        }
    }

    /// A string field; `nil` when absent. `null` or another type is an error.
    mutating func string(_ key: String) -> String? {
        switch self.fields[key] {
        case nil: return nil
        case .string(let value): return value
        default:
            self.errors.add(key, "must be a string")
            return nil
        }
    }

    /// A string that may be `null`: `.none` when absent, `.some(nil)` when `null`.
    mutating func nullableString(_ key: String) -> String?? {
        switch self.fields[key] {
        case nil: return .none
        case .null: return .some(nil)
        case .string(let value): return .some(value)
        default:
            self.errors.add(key, "must be a string or null")
            return .none
        }
    }

    /// A boolean field; `nil` when absent.
    mutating func bool(_ key: String) -> Bool? {
        switch self.fields[key] {
        case nil: return nil
        case .bool(let value): return value
        default:
            self.errors.add(key, "must be true or false")
            return nil
        }
    }

    /// A required id field.
    mutating func id<Entity>(_ key: String, of _: Entity.Type = Entity.self) -> Identifier<Entity>? {
        switch self.fields[key] {
        case nil:
            self.errors.add(key, "is required")
            return nil
        case .integer(let value) where value > 0: return Identifier(value)
        default:
            self.errors.add(key, "must be a positive integer id")
            return nil
        }
    }

    /// An id that may be `null`: `.none` when absent, `.some(nil)` when `null`.
    mutating func nullableID<Entity>(_ key: String, of _: Entity.Type = Entity.self) -> Identifier<Entity>?? {
        switch self.fields[key] {
        case nil: return .none
        case .null: return .some(nil)
        case .integer(let value) where value > 0: return .some(Identifier(value))
        default:
            self.errors.add(key, "must be a positive integer id or null")
            return .none
        }
    }

    /// Throws the collected type errors, if any.
    func check() throws(TicketError) {
        try self.errors.throwIfAny()
    }
}
