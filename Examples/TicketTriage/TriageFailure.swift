import TicketCore

/// A failure of the tool itself, before the service is reached: no password, no database, a
/// database in use.
struct TriageFailure: Error, CustomStringConvertible {
    /// One sentence for the person at the terminal.
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { self.message }

    /// The one line printed on standard error for any error a command throws.
    static func line(for error: any Error) -> String {
        let text: String
        switch error {
        case let error as TicketError: text = "\(Self.label(of: error.kind)): \(error.message)" + Self.retryHint(error)
        case let failure as TriageFailure: text = failure.message
        default: text = String(describing: error)
        }
        return "ticket-triage: " + text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A few words naming the kind of failure, as the HTTP status does for API clients.
    private static func label(of kind: TicketError.Kind) -> String {
        switch kind {
        case .validation: "invalid input"
        case .unauthenticated: "not signed in"
        case .forbidden: "refused"
        case .notFound: "not found"
        case .conflict: "conflict"
        case .staleVersion: "changed meanwhile"
        case .tooManyAttempts: "too many attempts"
        case .busy: "busy"
        }
    }

    private static func retryHint(_ error: TicketError) -> String {
        error.retryAfterSeconds.map { " (try again in \($0) s)" } ?? ""
    }
}
