public import Foundation

/// Persistence for the ticket system. Stores are dumb and exact: they check nothing about
/// permissions (that is ``TicketService``'s job) but enforce integrity themselves.
///
/// Contract every implementation keeps (the conformance suite checks it):
/// - Expected failures are thrown as ``TicketError``: a taken email is `.conflict`,
///   a version mismatch `.staleVersion`, a missing row `.notFound`; driver errors never
///   escape with their text.
/// - A change and its history events commit in one transaction, or not at all.
/// - Lists seek by keyset (``PageCursor``), never by offset, and run a constant number of queries.
///
/// Any requirement may also throw when the database fails (or holds a row it cannot read:
/// ``UnreadableRow``); the server logs such errors and answers a bare 500.
public protocol TicketStore: Sendable {
    // MARK: Users

    /// A role by its unique name.
    /// - Parameters:
    ///   - name: The role's name, lower case, such as `admin`.
    /// - Returns: The role, or `nil` when there is none of that name.
    /// - Throws: When the database fails.
    func role(named name: String) async throws -> Role?
    /// Creates a user; a taken email (compared case-insensitively) throws `.conflict`, an
    /// ``NewUser/actingSession`` that is no longer valid throws ``TicketError/sessionChanged``.
    /// - Parameters:
    ///   - draft: The validated account.
    /// - Returns: The new user: active, with a fresh id.
    /// - Throws: ``TicketError/Kind/conflict`` when the email is taken; ``TicketError/sessionChanged`` when the
    ///   acting session is no longer valid.
    func createUser(_ draft: NewUser) async throws -> User
    /// A user by id, active or not.
    /// - Parameters:
    ///   - id: The user's id.
    /// - Returns: The user, or `nil` when there is none.
    /// - Throws: When the database fails.
    func user(id: User.ID) async throws -> User?
    /// Several users in one query.
    /// - Parameters:
    ///   - ids: The users' ids.
    /// - Returns: The users found, by id; unknown ids are left out.
    /// - Throws: When the database fails.
    func users(ids: Set<User.ID>) async throws -> [User.ID: User]
    /// A user and their password hash, by normalised email.
    /// - Parameters:
    ///   - email: The normalised email (``EmailAddress/normalize(_:)``).
    /// - Returns: The user with their hash, or `nil` when no account has this email.
    /// - Throws: When the database fails.
    func credentials(email: String) async throws -> UserCredentials?
    /// Writes only the columns `changes` names, in one statement, so concurrent changes to
    /// other columns stand (a deactivation is never undone by a concurrent self-update).
    /// ``UserChanges/endsSessions`` also removes the user's sessions, in the same transaction.
    /// Returns `nil` when no user matched: none with this id, or an
    /// ``UserChanges/actingSession`` that is no longer valid. A taken email throws `.conflict`.
    /// - Parameters:
    ///   - id: The user to change.
    ///   - changes: What to write, and the conditions the write needs.
    /// - Returns: The user after the change, or `nil` when nothing was written (also when the stored hash is
    ///   not ``UserChanges/expectedPasswordHash``).
    /// - Throws: ``TicketError/Kind/conflict`` when another user has the new email.
    func updateUser(_ id: User.ID, changes: UserChanges) async throws -> User?
    /// Users ordered by id.
    /// - Parameters:
    ///   - page: Which page.
    /// - Returns: A page of users, with the count of all users.
    /// - Throws: When the database fails.
    func users(page: PageRequest) async throws -> Page<User>

    // MARK: Sessions

    /// Records a sign-in, in one transaction with its guard: only while ``NewSession/owner``
    /// is still valid (else ``TicketError/sessionChanged``). The same transaction removes every
    /// session that has expired by ``NewSession/createdAt`` and the owner's oldest beyond
    /// ``Session/maximumPerUser``.
    /// - Parameters:
    ///   - draft: The session to record.
    /// - Returns: The new session, with a fresh id.
    /// - Throws: ``TicketError/sessionChanged`` when the owner is no longer active or in the same session
    ///   generation.
    func startSession(_ draft: NewSession) async throws -> Session
    /// The user `id` while their session `session` lasts: `nil` when either is gone (or the
    /// session is another user's). Checked on every authenticated request.
    /// - Parameters:
    ///   - id: The user's id.
    ///   - session: One of their sessions.
    /// - Returns: The user, active or not, or `nil`.
    /// - Throws: When the database fails.
    func user(id: User.ID, inSession session: Session.ID) async throws -> User?
    /// Ends one session of `userID`. Returns `false` when they had no such session.
    /// - Parameters:
    ///   - session: The session to end.
    ///   - userID: Its user.
    /// - Returns: `true` when the session was ended, `false` when the user had no such session.
    /// - Throws: When the database fails.
    func endSession(_ session: Session.ID, of userID: User.ID) async throws -> Bool

    // MARK: Tickets

    /// Creates a ticket (status `incoming`, version 1) and its `created` event.
    /// - Parameters:
    ///   - draft: The validated ticket.
    ///   - event: Its `created` event; the store fills in the ticket's id.
    /// - Returns: The new ticket, with a fresh id.
    /// - Throws: When the database fails.
    func createTicket(_ draft: NewTicket, event: TicketEventDraft) async throws -> Ticket
    /// A ticket by id.
    /// - Parameters:
    ///   - id: The ticket's id.
    /// - Returns: The ticket, or `nil` when there is none.
    /// - Throws: When the database fails.
    func ticket(id: Ticket.ID) async throws -> Ticket?
    /// A ticket with its first `commentLimit` comments, the people named on it, its
    /// duplicates and its queue position, read from one consistent state; or, when `isVisible`
    /// says no, the ticket alone (the rest is not handed back).
    /// - Parameters:
    ///   - id: The ticket's id.
    ///   - commentLimit: How many of its first comments to read.
    ///   - isVisible: Asked with the ticket as read: whether the rest may be handed back.
    /// - Returns: The snapshot, or `nil` when there is no such ticket.
    /// - Throws: When the database fails.
    func ticketSnapshot(id: Ticket.ID, commentLimit: Int, readingAllIf isVisible: @escaping @Sendable (Ticket) -> Bool) async throws
        -> TicketSnapshot?
    /// Several tickets in one query.
    /// - Parameters:
    ///   - ids: The tickets' ids.
    /// - Returns: The tickets found, by id; unknown ids are left out.
    /// - Throws: When the database fails.
    func tickets(ids: Set<Ticket.ID>) async throws -> [Ticket.ID: Ticket]
    /// Writes every field of `ticket` with `version = expectedVersion + 1`, plus `events`,
    /// in one transaction; throws `.staleVersion` when the stored version is not `expectedVersion`.
    /// When the write sets a new `duplicate_of_id`, it throws ``TicketError/duplicateCycle``
    /// if following `duplicate_of_id` from there leads back to the ticket, checked inside the
    /// write (serialised with every other such write), so parallel marks cannot make a cycle.
    /// - Parameters:
    ///   - ticket: The ticket as it should be.
    ///   - expectedVersion: The version the change was made on.
    ///   - events: The history rows of the change.
    /// - Returns: The ticket as stored, with its new version.
    /// - Throws: ``TicketError/Kind/staleVersion`` when the stored version is not `expectedVersion`;
    ///   ``TicketError/duplicateCycle`` for a cycle of duplicates; ``TicketError/Kind/notFound`` when the
    ///   ticket is gone.
    func updateTicket(_ ticket: Ticket, expectedVersion: Int, events: [TicketEventDraft]) async throws -> Ticket
    /// Deletes a ticket with its comments and history, only while its version is still
    /// `expectedVersion` (the one the delete was allowed for); `.staleVersion` otherwise.
    /// - Parameters:
    ///   - id: The ticket's id.
    ///   - expectedVersion: The version the delete was allowed for.
    /// - Throws: ``TicketError/Kind/staleVersion`` when the version is not `expectedVersion`;
    ///   ``TicketError/Kind/notFound`` when the ticket is gone.
    func deleteTicket(id: Ticket.ID, expectedVersion: Int) async throws
    /// A page of tickets matching `query`.
    /// - Parameters:
    ///   - query: The filters, order and page.
    /// - Returns: A page of tickets, with the count of all that match.
    /// - Throws: ``TicketError/Kind/busy`` when an SQL store's text search runs longer than
    ///   ``ValidationLimits/searchTime``.
    func tickets(matching query: TicketQuery) async throws -> Page<Ticket>

    /// Up to `limit` tickets that are not closed and share a keyword (see
    /// ``SearchText/keywords(_:limit:)``) in their title or description (never comments), scored
    /// and ordered by ``Similarity`` so that every store gives the same answer. Only the
    /// ``Similarity/similarWindow`` most recent tickets are considered: duplicates of a live
    /// problem are recent ones. A store finds candidates with its index and hands them to
    /// ``Similarity/ranked(_:keywordCount:limit:visibility:)``.
    ///
    /// For a `viewer` who may not see every ticket (`visibleTo` not `nil`), candidates are found
    /// by their titles only, so a description the viewer cannot read decides nothing, not even
    /// which tickets are looked at.
    /// - Parameters:
    ///   - keywords: The problem's keywords.
    ///   - limit: How many to return at most.
    ///   - excluding: A ticket to leave out (the one just created), or `nil`.
    ///   - viewer: The only user whose tickets the caller may see, or `nil` when they may see every ticket.
    /// - Returns: The similar tickets, most similar first.
    /// - Throws: When the database fails.
    func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?, visibleTo viewer: User.ID?) async throws -> [SimilarTicket]

    // MARK: Queue and office statistics

    /// Positions in the office's queue (``TicketQueue``) of those of `ids` that are active,
    /// computed without visiting every active ticket. Missing and inactive tickets are left out.
    /// - Parameters:
    ///   - ids: The tickets' ids.
    /// - Returns: Each active ticket's position, by id.
    /// - Throws: When the database fails.
    func queuePositions(of ids: [Ticket.ID]) async throws -> [Ticket.ID: Int]
    /// The office-wide figures of `GET /stats`, from one consistent snapshot (see ``OfficeFigures``).
    /// - Parameters:
    ///   - request: The resolution window and the days to count.
    /// - Returns: The raw figures.
    /// - Throws: When the database fails.
    func officeFigures(_ request: OfficeFiguresRequest) async throws -> OfficeFigures
    /// The active tickets `viewer` reported, in queue order with positions, at most `limit`,
    /// and how many there are in all.
    /// - Parameters:
    ///   - viewer: The user whose tickets to list.
    ///   - limit: How many to list at most.
    /// - Returns: The tickets with their positions, and their total.
    /// - Throws: When the database fails.
    func ownQueue(of viewer: User.ID, limit: Int) async throws -> OwnQueue

    // MARK: Comments

    /// Creates a comment and its ticket's `commented` event.
    /// - Parameters:
    ///   - draft: The validated comment.
    ///   - event: Its `commented` event.
    /// - Returns: The new comment, with a fresh id.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket is gone.
    func createComment(_ draft: NewComment, event: TicketEventDraft) async throws -> Comment
    /// A comment by id.
    /// - Parameters:
    ///   - id: The comment's id.
    /// - Returns: The comment, or `nil` when there is none.
    /// - Throws: When the database fails.
    func comment(id: Comment.ID) async throws -> Comment?
    /// Writes a comment's content and `updated_at`, with its ticket's event.
    /// - Parameters:
    ///   - comment: The comment as it should be.
    ///   - event: Its `comment_edited` event.
    /// - Returns: The comment as stored.
    /// - Throws: ``TicketError/Kind/notFound`` when the comment is gone.
    func updateComment(_ comment: Comment, event: TicketEventDraft) async throws -> Comment
    /// Deletes a comment and records the event on its ticket.
    /// - Parameters:
    ///   - comment: The comment to delete.
    ///   - event: Its `comment_deleted` event.
    /// - Throws: ``TicketError/Kind/notFound`` when the comment is gone.
    func deleteComment(_ comment: Comment, event: TicketEventDraft) async throws
    /// A page of comments matching `query`, oldest first.
    /// - Parameters:
    ///   - query: The filters and page.
    /// - Returns: A page of comments, with the count of all that match.
    /// - Throws: When the database fails.
    func comments(matching query: CommentQuery) async throws -> Page<Comment>

    // MARK: History

    /// A page of a ticket's events, oldest first.
    /// - Parameters:
    ///   - ticketID: The ticket.
    ///   - page: Which page.
    /// - Returns: A page of events.
    /// - Throws: When the database fails.
    func history(of ticketID: Ticket.ID, page: PageRequest) async throws -> Page<TicketEvent>

    // MARK: Login throttling

    /// Counts one login attempt against `key` in one atomic step, unless `limit` attempts are
    /// already counted and the last was less than `window` ago (then nothing changes and the
    /// answer says when the key may try again). A count whose last attempt is `window` old
    /// starts again from one. Also removes counters whose window has passed.
    /// - Parameters:
    ///   - key: The counter, such as an email with a client address.
    ///   - limit: Attempts allowed within the window.
    ///   - window: Seconds after the last counted attempt until the count starts again.
    ///   - now: The time of the attempt.
    /// - Returns: Whether the attempt is counted, or when the key may try again.
    /// - Throws: When the database fails.
    func reserveLoginAttempt(key: String, limit: Int, window: TimeInterval, now: Date) async throws -> LoginAttemptReservation
    /// Takes back one counted attempt of `key` (a login that turned out right).
    /// - Parameters:
    ///   - key: The counter.
    /// - Throws: When the database fails.
    func releaseLoginAttempt(key: String) async throws

    // MARK: Operations

    /// A value that an earlier version kept in the database's `settings` table (the token
    /// secret), if it is still there. Secrets no longer live in the database: the server moves
    /// such a value out and then calls ``removeSetting(_:)``.
    /// - Parameters:
    ///   - key: The setting's name.
    /// - Returns: The value, or `nil` when it is not there.
    /// - Throws: When the database fails.
    func storedSetting(_ key: String) async throws -> String?
    /// Removes `key` from the `settings` table (nothing when it is not there).
    /// - Parameters:
    ///   - key: The setting's name.
    /// - Throws: When the database fails.
    func removeSetting(_ key: String) async throws
    /// Checks that the database answers.
    /// - Throws: When the database does not answer.
    func ping() async throws
}
