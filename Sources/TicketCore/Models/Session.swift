public import Foundation

/// One sign-in of one user: every token the server issues belongs to a session, and a request
/// counts only while its session lasts. It ends by itself (`POST /auth/logout`), with all the
/// user's others (`POST /auth/logout-all`, a password change), or when it expires.
public struct Session: Sendable, Hashable, Identifiable {
    /// A session's id; tokens carry it.
    public typealias ID = Identifier<Session>

    /// A user keeps at most this many sessions: a new sign-in beyond it ends their oldest.
    public static let maximumPerUser = 50
    /// The longest user agent kept, in Unicode scalars (the rest is cut).
    public static let userAgentLimit = 200

    /// The session's id.
    public var id: ID
    /// Whose session it is.
    public var userID: User.ID
    /// When the user signed in.
    public var createdAt: Date
    /// When the session ends by itself.
    public var expiresAt: Date
    /// The `User-Agent` the session began with, as ``keptUserAgent(_:)`` left it.
    public var userAgent: String?

    /// Creates a session value (stores create sessions; see ``TicketStore/startSession(_:)``).
    /// - Parameters:
    ///   - id: The session's id.
    ///   - userID: Whose session it is.
    ///   - createdAt: When the user signed in.
    ///   - expiresAt: When the session ends by itself.
    ///   - userAgent: The `User-Agent` it began with, already cleaned by ``keptUserAgent(_:)``.
    public init(id: ID, userID: User.ID, createdAt: Date, expiresAt: Date, userAgent: String?) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.userAgent = userAgent
    }

    /// What is kept of a client's `User-Agent`: printable characters only, at most
    /// ``userAgentLimit`` of them; `nil` when nothing is left.
    /// - Parameters:
    ///   - raw: The header as the client sent it, or `nil` when it sent none.
    /// - Returns: The printable characters of `raw`, trimmed and cut, or `nil` when none are left.
    public static func keptUserAgent(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let printable = raw.unicodeScalars.filter { !$0.properties.generalCategory.isControlOrUnassigned }
        let trimmed = String(String.UnicodeScalarView(printable)).trimmingWhitespace()
        let kept = String(String.UnicodeScalarView(trimmed.unicodeScalars.prefix(Self.userAgentLimit)))
        return kept.isEmpty ? nil : kept
    }
}

/// A session to record: see ``TicketStore/startSession(_:)``.
public struct NewSession: Sendable, Hashable {
    /// Whose session it is, in the session generation their password was just checked in: the
    /// store records it only while that still holds (a password change or "log out everywhere"
    /// committed meanwhile wins).
    public var owner: ActingSession
    /// When the user signed in.
    public var createdAt: Date
    /// When the session ends by itself.
    public var expiresAt: Date
    /// The client's `User-Agent`, as ``Session/keptUserAgent(_:)`` left it.
    public var userAgent: String?

    /// A session of `user` from `createdAt` to `expiresAt`.
    /// - Parameters:
    ///   - user: Who signed in, as loaded when their password was checked.
    ///   - createdAt: When the session starts.
    ///   - expiresAt: When it ends by itself.
    ///   - userAgent: The client's `User-Agent`; it is cleaned and cut with ``Session/keptUserAgent(_:)``.
    public init(of user: User, createdAt: Date, expiresAt: Date, userAgent: String?) {
        self.owner = ActingSession(of: user, managesUsers: false)
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.userAgent = Session.keptUserAgent(userAgent)
    }
}

extension Unicode.GeneralCategory {
    /// Control, format, surrogate, private-use and unassigned scalars: nothing to show a person.
    fileprivate var isControlOrUnassigned: Bool {
        switch self {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
