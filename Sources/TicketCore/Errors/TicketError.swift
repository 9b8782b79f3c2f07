/// Every expected failure of the ticket system. Adapters map ``Kind`` to their protocol once
/// (TicketHTTP turns it into an RFC 9457 problem) and never show driver errors to clients.
public struct TicketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure; each maps to one HTTP status.
    public enum Kind: Sendable, Equatable {
        /// Input failed validation (400); ``TicketError/fieldErrors`` says where.
        case validation
        /// No valid identity, or wrong credentials (401).
        case unauthenticated
        /// Authenticated, but the role does not allow it (403).
        case forbidden
        /// No such object, or one the caller may not see (404).
        case notFound
        /// A unique value is already taken, such as an email (409).
        case conflict
        /// The object changed since the version the caller named (412).
        case staleVersion
        /// Too many failed logins (429); see ``TicketError/retryAfterSeconds``.
        case tooManyAttempts
        /// The server has too much of this work waiting, or the work ran too long (503); see
        /// ``TicketError/retryAfterSeconds``.
        case busy
    }

    /// The class of failure, which decides the protocol status (such as the HTTP status).
    public let kind: Kind
    /// A human-readable sentence, safe to show to the caller.
    public let message: String
    /// Field name to messages; non-empty for ``Kind/validation`` failures about fields.
    public let fieldErrors: [String: [String]]
    /// Seconds until a throttled or turned-away caller may try again.
    public let retryAfterSeconds: Int?

    init(_ kind: Kind, _ message: String, fieldErrors: [String: [String]] = [:], retryAfterSeconds: Int? = nil) {
        self.kind = kind
        self.message = message
        self.fieldErrors = fieldErrors
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The kind and the message, for logs.
    public var description: String { "\(self.kind): \(self.message)" }

    /// Validation failed on the given fields.
    /// - Parameters:
    ///   - errors: The messages per field; their summary becomes the ``message``.
    /// - Returns: A ``Kind/validation`` error carrying `errors` as ``fieldErrors``.
    public static func validation(_ errors: FieldErrors) -> Self {
        .init(.validation, errors.summary, fieldErrors: errors.messages)
    }
    /// Validation failed for a reason that belongs to no single field (malformed JSON, say).
    /// - Parameters:
    ///   - message: What is wrong with the request.
    /// - Returns: A ``Kind/validation`` error without field errors.
    public static func invalidRequest(_ message: String) -> Self { .init(.validation, message) }
    /// Missing or bad credentials.
    /// - Parameters:
    ///   - message: What is missing or wrong.
    /// - Returns: A ``Kind/unauthenticated`` error.
    public static func unauthenticated(_ message: String = "Authentication required") -> Self {
        .init(.unauthenticated, message)
    }
    /// The acting session ended, or lost the right it needed, while the request was in flight: a
    /// ``Kind/unauthenticated`` error.
    public static var sessionChanged: Self {
        .init(.unauthenticated, "Your session ended or your account changed while the request was in flight; log in again")
    }
    /// The role does not allow the action.
    /// - Parameters:
    ///   - message: Why the action is refused.
    /// - Returns: A ``Kind/forbidden`` error.
    public static func forbidden(_ message: String = "You are not allowed to do this") -> Self {
        .init(.forbidden, message)
    }
    /// No such object (or not visible to the caller).
    /// - Parameters:
    ///   - what: The kind of object, such as `"Ticket"`; the message reads "Ticket not found".
    /// - Returns: A ``Kind/notFound`` error.
    public static func notFound(_ what: String) -> Self { .init(.notFound, "\(what) not found") }
    /// A unique value is taken.
    /// - Parameters:
    ///   - message: Which value is taken.
    /// - Returns: A ``Kind/conflict`` error.
    public static func conflict(_ message: String) -> Self { .init(.conflict, message) }
    /// The `If-Match` version is stale.
    /// - Parameters:
    ///   - current: The version the object has now, named in the message.
    /// - Returns: A ``Kind/staleVersion`` error.
    public static func staleVersion(current: Int) -> Self {
        .init(.staleVersion, "The ticket has changed: its current version is \(current)")
    }
    /// The `If-Match` header names no version at all (not `"3"` or `*`): no version matches it. A
    /// ``Kind/staleVersion`` error.
    public static var unmatchableVersion: Self {
        .init(.staleVersion, "If-Match names no version of this ticket: send its ETag, such as \"3\"")
    }
    /// Marking a ticket as a duplicate of `duplicate_of_id` would lead back to it through other
    /// duplicates. Stores check this inside the write, so parallel marks cannot make a cycle. A
    /// ``Kind/validation`` error on the field `duplicate_of_id`.
    public static var duplicateCycle: Self {
        var errors = FieldErrors()
        errors.add("duplicate_of_id", "would make a cycle of duplicates")
        return .validation(errors)
    }
    /// Login (or registration) is locked for a while.
    /// - Parameters:
    ///   - message: Why the caller is turned away.
    ///   - retryAfterSeconds: Seconds until the caller may try again.
    /// - Returns: A ``Kind/tooManyAttempts`` error.
    public static func tooManyAttempts(_ message: String = "Too many failed logins; try again later", retryAfterSeconds: Int) -> Self {
        .init(.tooManyAttempts, message, retryAfterSeconds: retryAfterSeconds)
    }
    /// Too much of this work is waiting already; the caller should come back shortly.
    /// - Parameters:
    ///   - message: What is busy.
    ///   - retryAfterSeconds: Seconds until the caller may try again.
    /// - Returns: A ``Kind/busy`` error.
    public static func busy(_ message: String, retryAfterSeconds: Int = 1) -> Self {
        .init(.busy, message, retryAfterSeconds: retryAfterSeconds)
    }
}

/// Collects validation messages per field, in the API's `errors` shape.
public struct FieldErrors: Sendable, Equatable {
    /// Field name to messages.
    public private(set) var messages: [String: [String]] = [:]

    /// An empty collection.
    public init() {}

    /// Records a message for a field (once: the same message again is left out).
    /// - Parameters:
    ///   - field: The field's name in the API, such as `title`.
    ///   - message: What is wrong with it, such as `is required`.
    public mutating func add(_ field: String, _ message: String) {
        // Once per field and message: a list of many bad values (`status=x,x,x,...`) gets one
        // message, so the answer stays as small as the mistake is simple.
        guard self.messages[field]?.contains(message) != true else { return }
        self.messages[field, default: []].append(message)
    }

    /// `true` when nothing was recorded.
    public var isEmpty: Bool { self.messages.isEmpty }

    /// Throws a validation ``TicketError`` when anything was recorded.
    /// - Throws: ``TicketError/Kind/validation`` with the recorded messages, unless ``isEmpty``.
    public func throwIfAny() throws(TicketError) {
        if !self.isEmpty { throw TicketError.validation(self) }
    }

    /// One sentence naming each failing field, sorted by field name.
    var summary: String {
        self.messages.sorted { $0.key < $1.key }.map { field, messages in
            "\(field) \(messages.joined(separator: "; "))"
        }.joined(separator: "; ")
    }
}
