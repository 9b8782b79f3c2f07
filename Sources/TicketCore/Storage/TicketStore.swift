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
public protocol TicketStore: Sendable {
    // MARK: Users

    /// A role by its unique name.
    func role(named name: String) async throws -> Role?
    /// Creates a user; a taken email (compared case-insensitively) throws `.conflict`, an
    /// ``NewUser/actingSession`` that is no longer valid throws ``TicketError/sessionChanged``.
    func createUser(_ draft: NewUser) async throws -> User
    /// A user by id, active or not.
    func user(id: User.ID) async throws -> User?
    /// Several users in one query.
    func users(ids: Set<User.ID>) async throws -> [User.ID: User]
    /// A user and their password hash, by normalised email.
    func credentials(email: String) async throws -> UserCredentials?
    /// Writes only the columns `changes` names, in one statement, so concurrent changes to
    /// other columns stand (a deactivation is never undone by a concurrent self-update).
    /// ``UserChanges/endsSessions`` also removes the user's sessions, in the same transaction.
    /// Returns `nil` when no user matched: none with this id, or an
    /// ``UserChanges/actingSession`` that is no longer valid. A taken email throws `.conflict`.
    func updateUser(_ id: User.ID, changes: UserChanges) async throws -> User?
    /// Users ordered by id.
    func users(page: PageRequest) async throws -> Page<User>

    // MARK: Sessions

    /// Records a sign-in, in one transaction with its guard: only while ``NewSession/owner``
    /// is still valid (else ``TicketError/sessionChanged``). The same transaction removes every
    /// session that has expired by ``NewSession/createdAt`` and the owner's oldest beyond
    /// ``Session/maximumPerUser``.
    func startSession(_ draft: NewSession) async throws -> Session
    /// The user `id` while their session `session` lasts: `nil` when either is gone (or the
    /// session is another user's). Checked on every authenticated request.
    func user(id: User.ID, inSession session: Session.ID) async throws -> User?
    /// Ends one session of `userID`. Returns `false` when they had no such session.
    func endSession(_ session: Session.ID, of userID: User.ID) async throws -> Bool

    // MARK: Tickets

    /// Creates a ticket (status `incoming`, version 1) and its `created` event.
    func createTicket(_ draft: NewTicket, event: TicketEventDraft) async throws -> Ticket
    /// A ticket by id.
    func ticket(id: Ticket.ID) async throws -> Ticket?
    /// A ticket with its first `commentLimit` comments, the people named on it, its
    /// duplicates and its queue position, read from one consistent state; or, when `isVisible`
    /// says no, the ticket alone (the rest is not handed back).
    func ticketSnapshot(id: Ticket.ID, commentLimit: Int, readingAllIf isVisible: @escaping @Sendable (Ticket) -> Bool) async throws
        -> TicketSnapshot?
    /// Several tickets in one query.
    func tickets(ids: Set<Ticket.ID>) async throws -> [Ticket.ID: Ticket]
    /// Writes every field of `ticket` with `version = expectedVersion + 1`, plus `events`,
    /// in one transaction; throws `.staleVersion` when the stored version is not `expectedVersion`.
    /// When the write sets a new `duplicate_of_id`, it throws ``TicketError/duplicateCycle``
    /// if following `duplicate_of_id` from there leads back to the ticket, checked inside the
    /// write (serialised with every other such write), so parallel marks cannot make a cycle.
    func updateTicket(_ ticket: Ticket, expectedVersion: Int, events: [TicketEventDraft]) async throws -> Ticket
    /// Deletes a ticket with its comments and history, only while its version is still
    /// `expectedVersion` (the one the delete was allowed for); `.staleVersion` otherwise.
    func deleteTicket(id: Ticket.ID, expectedVersion: Int) async throws
    /// A page of tickets matching `query`.
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
    func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?, visibleTo viewer: User.ID?) async throws -> [SimilarTicket]

    // MARK: Queue and office statistics

    /// Positions in the office's queue (``TicketQueue``) of those of `ids` that are active,
    /// computed without visiting every active ticket. Missing and inactive tickets are left out.
    func queuePositions(of ids: [Ticket.ID]) async throws -> [Ticket.ID: Int]
    /// The office-wide figures of `GET /stats`, from one consistent snapshot (see ``OfficeFigures``).
    func officeFigures(_ request: OfficeFiguresRequest) async throws -> OfficeFigures
    /// The active tickets `viewer` reported, in queue order with positions, at most `limit`,
    /// and how many there are in all.
    func ownQueue(of viewer: User.ID, limit: Int) async throws -> OwnQueue

    // MARK: Comments

    /// Creates a comment and its ticket's `commented` event.
    func createComment(_ draft: NewComment, event: TicketEventDraft) async throws -> Comment
    /// A comment by id.
    func comment(id: Comment.ID) async throws -> Comment?
    /// Writes a comment's content and `updated_at`, with its ticket's event.
    func updateComment(_ comment: Comment, event: TicketEventDraft) async throws -> Comment
    /// Deletes a comment and records the event on its ticket.
    func deleteComment(_ comment: Comment, event: TicketEventDraft) async throws
    /// A page of comments matching `query`, oldest first.
    func comments(matching query: CommentQuery) async throws -> Page<Comment>

    // MARK: History

    /// A page of a ticket's events, oldest first.
    func history(of ticketID: Ticket.ID, page: PageRequest) async throws -> Page<TicketEvent>

    // MARK: Login throttling

    /// Counts one login attempt against `key` in one atomic step, unless `limit` attempts are
    /// already counted and the last was less than `window` ago (then nothing changes and the
    /// answer says when the key may try again). A count whose last attempt is `window` old
    /// starts again from one. Also removes counters whose window has passed.
    func reserveLoginAttempt(key: String, limit: Int, window: TimeInterval, now: Date) async throws -> LoginAttemptReservation
    /// Takes back one counted attempt of `key` (a login that turned out right).
    func releaseLoginAttempt(key: String) async throws

    // MARK: Operations

    /// A value that an earlier version kept in the database's `settings` table (the token
    /// secret), if it is still there. Secrets no longer live in the database: the server moves
    /// such a value out and then calls ``removeSetting(_:)``.
    func storedSetting(_ key: String) async throws -> String?
    /// Removes `key` from the `settings` table (nothing when it is not there).
    func removeSetting(_ key: String) async throws
    /// Throws when the database does not answer.
    func ping() async throws
}
