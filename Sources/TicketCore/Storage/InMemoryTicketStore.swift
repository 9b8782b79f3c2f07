public import Foundation

/// A complete ``TicketStore`` in memory: for unit tests, and for tools that embed the core
/// without a database. It keeps the same contract as the SQL stores (the conformance suite
/// runs against it too); text search is a case-insensitive word match.
public actor InMemoryTicketStore: TicketStore {
    private var roles: [String: Role] = Dictionary(uniqueKeysWithValues: Role.builtIn.map { ($0.name, $0) })
    private var usersByID: [User.ID: UserCredentials] = [:]
    private var ticketsByID: [Ticket.ID: Ticket] = [:]
    private var commentsByID: [Comment.ID: Comment] = [:]
    private var events: [TicketEvent] = []
    private var loginAttempts: [String: (count: Int, last: Date)] = [:]
    private var sessions: [Session.ID: Session] = [:]
    private var lastID: Int64 = 0

    /// An empty store with the built-in roles.
    public init() {}

    private func nextID() -> Int64 {
        self.lastID += 1
        return self.lastID
    }

    // MARK: Users

    /// A role by its unique name.
    /// - Parameters:
    ///   - name: The role's name, such as `admin`.
    /// - Returns: The role, or `nil` when there is none of that name.
    public func role(named name: String) -> Role? { self.roles[name] }

    /// Creates an active user.
    /// - Parameters:
    ///   - draft: The validated account.
    /// - Returns: The new user, with a fresh id.
    /// - Throws: ``TicketError/Kind/notFound`` for an unknown role; ``TicketError/sessionChanged`` when the
    ///   draft's ``NewUser/actingSession`` is no longer valid; ``TicketError/Kind/conflict`` when the email is
    ///   taken (compared case-insensitively).
    public func createUser(_ draft: NewUser) throws -> User {
        guard let role = self.roles[draft.roleName] else { throw TicketError.notFound("Role") }
        guard self.isValid(draft.actingSession) else { throw TicketError.sessionChanged }
        guard self.credentials(email: draft.email) == nil else { throw TicketError.conflict("Email already in use") }
        let user = User(
            id: User.ID(self.nextID()), name: draft.name, email: draft.email, role: role, isActive: true,
            createdAt: draft.createdAt
        )
        self.usersByID[user.id] = UserCredentials(user: user, passwordHash: draft.passwordHash)
        return user
    }

    /// A user by id, active or not.
    /// - Parameters:
    ///   - id: The user's id.
    /// - Returns: The user, or `nil` when there is none.
    public func user(id: User.ID) -> User? { self.usersByID[id]?.user }

    /// Several users at once.
    /// - Parameters:
    ///   - ids: The users' ids.
    /// - Returns: The users found, by id; unknown ids are left out.
    public func users(ids: Set<User.ID>) -> [User.ID: User] {
        self.usersByID.filter { ids.contains($0.key) }.mapValues(\.user)
    }

    /// A user and their password hash, by email (compared case-insensitively).
    /// - Parameters:
    ///   - email: The normalised email.
    /// - Returns: The user with their hash, or `nil` when no account has this email.
    public func credentials(email: String) -> UserCredentials? {
        self.usersByID.values.first { $0.user.email.lowercased() == email.lowercased() }
    }

    /// Whether `session` is still valid: its user active, in that generation, and managing users if asked.
    private func isValid(_ session: ActingSession?) -> Bool {
        guard let session else { return true }
        guard let actor = self.usersByID[session.userID]?.user else { return false }
        return actor.isActive && actor.sessionGeneration == session.sessionGeneration
            && (!session.managesUsers || actor.permissions.canManageUsers)
    }

    /// Writes only the columns `changes` names; ``UserChanges/endsSessions`` also moves the session
    /// generation on and removes the user's sessions.
    /// - Parameters:
    ///   - id: The user to change.
    ///   - changes: What to write, and the conditions the write needs.
    /// - Returns: The user after the change, or `nil` when nothing was written: no such user, an
    ///   ``UserChanges/actingSession`` no longer valid, or a stored hash other than ``UserChanges/expectedPasswordHash``.
    /// - Throws: ``TicketError/Kind/conflict`` when another user has the new email; ``TicketError/Kind/notFound``
    ///   for an unknown role.
    public func updateUser(_ id: User.ID, changes: UserChanges) throws -> User? {
        guard var stored = self.usersByID[id], self.isValid(changes.actingSession),
            changes.expectedPasswordHash.map({ $0 == stored.passwordHash }) ?? true
        else { return nil }
        if let email = changes.email, let other = self.credentials(email: email), other.user.id != id {
            throw TicketError.conflict("Email already in use")
        }
        if let roleName = changes.roleName {
            guard let role = self.roles[roleName] else { throw TicketError.notFound("Role") }
            stored.user.role = role
        }
        stored.user.name = changes.name ?? stored.user.name
        stored.user.email = changes.email ?? stored.user.email
        stored.user.isActive = changes.isActive ?? stored.user.isActive
        stored.passwordHash = changes.passwordHash ?? stored.passwordHash
        if changes.endsSessions {
            stored.user.sessionGeneration += 1
            self.sessions = self.sessions.filter { $0.value.userID != id }
        }
        self.usersByID[id] = stored
        return stored.user
    }

    // MARK: Sessions

    /// Records a sign-in, and removes expired sessions and the owner's oldest beyond
    /// ``Session/maximumPerUser``.
    /// - Parameters:
    ///   - draft: The session to record.
    /// - Returns: The new session, with a fresh id.
    /// - Throws: ``TicketError/sessionChanged`` when ``NewSession/owner`` is no longer valid.
    public func startSession(_ draft: NewSession) throws -> Session {
        guard self.isValid(draft.owner) else { throw TicketError.sessionChanged }
        let session = Session(
            id: Session.ID(self.nextID()), userID: draft.owner.userID, createdAt: draft.createdAt, expiresAt: draft.expiresAt,
            userAgent: draft.userAgent
        )
        self.sessions = self.sessions.filter { $0.value.expiresAt > draft.createdAt }
        let owned = self.sessions.values.filter { $0.userID == session.userID }.sorted { $0.id > $1.id }
        for old in owned.dropFirst(Session.maximumPerUser - 1) { self.sessions[old.id] = nil }
        self.sessions[session.id] = session
        return session
    }

    /// The user `id` while their session `session` lasts.
    /// - Parameters:
    ///   - id: The user's id.
    ///   - session: One of their sessions.
    /// - Returns: The user, or `nil` when the session is gone or another user's.
    public func user(id: User.ID, inSession session: Session.ID) -> User? {
        guard self.sessions[session]?.userID == id else { return nil }
        return self.user(id: id)
    }

    /// Ends one session of `userID`.
    /// - Parameters:
    ///   - session: The session to end.
    ///   - userID: Its user.
    /// - Returns: `false` when the user had no such session.
    public func endSession(_ session: Session.ID, of userID: User.ID) -> Bool {
        guard self.sessions[session]?.userID == userID else { return false }
        self.sessions[session] = nil
        return true
    }

    /// Counts one login attempt against `key`, unless `limit` attempts are counted within `window`.
    /// - Parameters:
    ///   - key: The counter, such as an email with a client address.
    ///   - limit: Attempts allowed within the window.
    ///   - window: Seconds after the last counted attempt until the count starts again.
    ///   - now: The time of the attempt.
    /// - Returns: ``LoginAttemptReservation/granted``, or ``LoginAttemptReservation/refused(retryAt:)`` with
    ///   the time the key may try again.
    public func reserveLoginAttempt(key: String, limit: Int, window: TimeInterval, now: Date) -> LoginAttemptReservation {
        let cutoff = now.addingTimeInterval(-window)
        self.loginAttempts = self.loginAttempts.filter { $0.value.last > cutoff }
        let current = self.loginAttempts[key] ?? (count: 0, last: now)
        guard current.count < limit else { return .refused(retryAt: current.last.addingTimeInterval(window)) }
        self.loginAttempts[key] = (current.count + 1, max(current.last, now))
        return .granted
    }

    /// Takes back one counted attempt of `key`.
    /// - Parameters:
    ///   - key: The counter.
    public func releaseLoginAttempt(key: String) {
        guard let current = self.loginAttempts[key] else { return }
        self.loginAttempts[key] = current.count > 1 ? (current.count - 1, current.last) : nil
    }

    /// Users ordered by id.
    /// - Parameters:
    ///   - page: Which page.
    /// - Returns: A page of users.
    public func users(page: PageRequest) -> Page<User> {
        let all = self.usersByID.values.map(\.user).sorted { $0.id < $1.id }
        let after = all.filter { $0.id.rawValue > (page.after?.id ?? .min) }
        return Page(fetched: Array(after.prefix(page.limit + 1)), limit: page.limit, totalCount: all.count) {
            PageCursor(id: $0.id.rawValue)
        }
    }

    // MARK: Tickets

    /// Creates a ticket (status `incoming`, version 1) and its `created` event.
    /// - Parameters:
    ///   - draft: The validated ticket.
    ///   - event: Its `created` event.
    /// - Returns: The new ticket, with a fresh id.
    /// - Throws: Nothing in practice; the signature matches ``TicketStore/createTicket(_:event:)``.
    public func createTicket(_ draft: NewTicket, event: TicketEventDraft) throws -> Ticket {
        let ticket = Ticket(draft, id: Ticket.ID(self.nextID()))
        self.ticketsByID[ticket.id] = ticket
        self.record([event], on: ticket.id)
        return ticket
    }

    /// A ticket by id.
    /// - Parameters:
    ///   - id: The ticket's id.
    /// - Returns: The ticket, or `nil` when there is none.
    public func ticket(id: Ticket.ID) -> Ticket? { self.ticketsByID[id] }

    /// The snapshot from the actor's state, read at once.
    /// - Parameters:
    ///   - id: The ticket's id.
    ///   - commentLimit: How many of its first comments to read.
    ///   - isVisible: Whether the rest may be handed back for the ticket read.
    /// - Returns: The snapshot, the ticket alone when `isVisible` says no, or `nil` when there is no such ticket.
    public func ticketSnapshot(id: Ticket.ID, commentLimit: Int, readingAllIf isVisible: @escaping @Sendable (Ticket) -> Bool)
        -> TicketSnapshot?
    {
        guard let ticket = self.ticketsByID[id] else { return nil }
        guard isVisible(ticket) else { return TicketSnapshot(ticketOnly: ticket) }
        let comments = self.comments(matching: CommentQuery(ticketID: id, page: PageRequest(limit: commentLimit))).items
        return TicketSnapshot(
            ticket: ticket,
            comments: comments,
            people: self.users(ids: TicketSnapshot.peopleNamed(on: ticket, comments: comments)),
            duplicates: self.duplicates(of: id),
            queuePosition: self.queuePositions(of: [id])[id]
        )
    }

    /// Several tickets at once.
    /// - Parameters:
    ///   - ids: The tickets' ids.
    /// - Returns: The tickets found, by id; unknown ids are left out.
    public func tickets(ids: Set<Ticket.ID>) -> [Ticket.ID: Ticket] {
        self.ticketsByID.filter { ids.contains($0.key) }
    }

    /// Writes every field of `ticket` with `version = expectedVersion + 1`, plus `events`.
    /// - Parameters:
    ///   - ticket: The ticket as it should be.
    ///   - expectedVersion: The version the change was made on.
    ///   - events: The history rows of the change.
    /// - Returns: The ticket as stored, with its new version.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket is gone; ``TicketError/Kind/staleVersion`` when
    ///   its version is not `expectedVersion`; ``TicketError/duplicateCycle`` when a new `duplicate_of_id`
    ///   leads back to the ticket.
    public func updateTicket(_ ticket: Ticket, expectedVersion: Int, events: [TicketEventDraft]) throws -> Ticket {
        guard let stored = self.ticketsByID[ticket.id] else { throw TicketError.notFound("Ticket") }
        guard stored.version == expectedVersion else { throw TicketError.staleVersion(current: stored.version) }
        if let original = ticket.duplicateOfID, original != stored.duplicateOfID {
            var next: Ticket.ID? = original
            var seen: Set<Ticket.ID> = []
            while let step = next, seen.insert(step).inserted {
                guard step != ticket.id else { throw TicketError.duplicateCycle }
                next = self.ticketsByID[step]?.duplicateOfID
            }
        }
        var updated = ticket
        updated.version = expectedVersion + 1
        self.ticketsByID[ticket.id] = updated
        self.record(events, on: ticket.id)
        return updated
    }

    /// Deletes a ticket with its comments and history.
    /// - Parameters:
    ///   - id: The ticket's id.
    ///   - expectedVersion: The version the delete was allowed for.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket is gone; ``TicketError/Kind/staleVersion`` when
    ///   its version is not `expectedVersion`.
    public func deleteTicket(id: Ticket.ID, expectedVersion: Int) throws {
        guard let stored = self.ticketsByID[id] else { throw TicketError.notFound("Ticket") }
        guard stored.version == expectedVersion else { throw TicketError.staleVersion(current: stored.version) }
        self.ticketsByID[id] = nil
        self.commentsByID = self.commentsByID.filter { $0.value.ticketID != id }
        self.events.removeAll { $0.ticketID == id }
    }

    /// A page of tickets matching `query`. A text search needs every word, crudely stemmed
    /// (``SearchText/stem(_:)``), in the title, the description or the searched part of the comments.
    /// - Parameters:
    ///   - query: The filters, order and page.
    /// - Returns: A page of tickets.
    public func tickets(matching query: TicketQuery) -> Page<Ticket> {
        let words = (query.text.map(Self.words) ?? []).map(SearchText.stem)
        let matching = self.ticketsByID.values.filter { ticket in
            guard TicketVisibility(restrictedTo: query.visibleTo).includes(ticket) else { return false }
            if !query.statuses.isEmpty, !query.statuses.contains(ticket.status) { return false }
            if !query.priorities.isEmpty, !query.priorities.contains(ticket.priority) { return false }
            switch query.assignee {
            case .user(let id): if ticket.assignedToID != id { return false }
            case .unassigned: if ticket.assignedToID != nil { return false }
            case nil: break
            }
            if let creator = query.createdBy, ticket.createdByID != creator { return false }
            if !query.categories.isEmpty, !query.categories.contains(ticket.category) { return false }
            if !words.isEmpty {
                let thread = self.commentsByID.values.filter { $0.ticketID == ticket.id }.sorted { $0.id.rawValue < $1.id.rawValue }
                let text = [ticket.title, ticket.description, SearchText.searchedComments(thread.map(\.content))]
                let haystack = Set(text.flatMap(Self.words).map(SearchText.stem))
                if !words.allSatisfy(haystack.contains) { return false }
            }
            return true
        }
        let sort = query.sort
        func before(_ a: (Int64, Int64), _ b: (Int64, Int64)) -> Bool {
            sort.descending ? a > b : a < b
        }
        let ordered = matching.sorted { before((sort.key(for: $0), $0.id.rawValue), (sort.key(for: $1), $1.id.rawValue)) }
        let after = ordered.filter { ticket in
            guard let cursor = query.page.after else { return true }
            return before((cursor.key, cursor.id), (sort.key(for: ticket), ticket.id.rawValue))
        }
        return Page(fetched: Array(after.prefix(query.page.limit + 1)), limit: query.page.limit, totalCount: matching.count) {
            sort.cursor(after: $0)
        }
    }

    /// Up to `limit` tickets, not closed, that share a keyword with the problem, as
    /// ``TicketStore/similarTickets(to:limit:excluding:visibleTo:)`` defines them.
    /// - Parameters:
    ///   - keywords: The problem's keywords (``SearchText/keywords(_:limit:)``).
    ///   - limit: How many to return at most.
    ///   - excluding: A ticket to leave out (the one just created), or `nil`.
    ///   - viewer: The only user whose tickets the caller may see (their candidates are then found by
    ///     title), or `nil` when the caller may see every ticket.
    /// - Returns: The similar tickets, most similar first.
    public func similarTickets(to keywords: [String], limit: Int, excluding: Ticket.ID?, visibleTo viewer: User.ID?) -> [SimilarTicket] {
        let wanted = keywords.map(SearchText.stem)
        let oldest = (self.ticketsByID.keys.max()?.rawValue ?? 0) - Similarity.similarWindow
        let candidates = self.ticketsByID.values.compactMap { ticket -> SimilarCandidate? in
            guard ticket.status != .closed, ticket.id != excluding, ticket.id.rawValue > oldest else { return nil }
            let (title, description) = (Self.stems(of: ticket.title), Self.stems(of: ticket.description))
            let titleHits = wanted.filter(title.contains).count
            // A restricted viewer's candidates are found by title.
            guard viewer == nil || titleHits > 0 else { return nil }
            return SimilarCandidate(
                id: ticket.id, title: ticket.title, status: ticket.status, priority: ticket.priority, createdAt: ticket.createdAt,
                createdByID: ticket.createdByID, assignedToID: ticket.assignedToID,
                titleHits: titleHits, descriptionHits: wanted.filter(description.contains).count
            )
        }
        return Similarity.ranked(candidates, keywordCount: keywords.count, limit: limit, visibility: TicketVisibility(restrictedTo: viewer))
    }

    /// The stems (this store's crude English rule) of the words of `text`.
    private static func stems(of text: String) -> Set<String> {
        Set(Self.words(text).map(SearchText.stem))
    }

    // MARK: Queue and office statistics

    /// Queue positions of those of `ids` that are active, by ``TicketQueue/position(of:among:)``.
    /// - Parameters:
    ///   - ids: The tickets' ids.
    /// - Returns: Each active ticket's position, by id; missing and inactive tickets are left out.
    public func queuePositions(of ids: [Ticket.ID]) -> [Ticket.ID: Int] {
        var positions: [Ticket.ID: Int] = [:]
        for id in ids {
            if let ticket = self.ticketsByID[id], let position = TicketQueue.position(of: ticket, among: self.ticketsByID.values) {
                positions[id] = position
            }
        }
        return positions
    }

    /// The tickets marked as duplicates of `id`, by id.
    private func duplicates(of id: Ticket.ID) -> [Ticket] {
        self.ticketsByID.values.filter { $0.duplicateOfID == id }.sorted { $0.id.rawValue < $1.id.rawValue }
    }

    /// The office-wide figures of `GET /stats`, counted from every ticket.
    /// - Parameters:
    ///   - request: The resolution window and the days to count.
    /// - Returns: The raw figures.
    public func officeFigures(_ request: OfficeFiguresRequest) -> OfficeFigures {
        var counts: [TicketTally: Int] = [:]
        var days: [UTCDay: TrendDay] = [:]
        var resolutionTimes: [TimeInterval] = []
        for ticket in self.ticketsByID.values {
            counts[TicketTally(assignee: ticket.assignedToID, status: ticket.status, priority: ticket.priority, count: 0), default: 0] += 1
            let created = UTCDay(containing: ticket.createdAt)
            if request.days.contains(created) { days[created, default: TrendDay(day: created, created: 0, resolved: 0)].created += 1 }
            if let resolvedAt = ticket.resolvedAt {
                let resolved = UTCDay(containing: resolvedAt)
                if request.days.contains(resolved) { days[resolved, default: TrendDay(day: resolved, created: 0, resolved: 0)].resolved += 1 }
                if resolvedAt >= request.resolvedSince { resolutionTimes.append(resolvedAt.timeIntervalSince(ticket.createdAt)) }
            }
        }
        return OfficeFigures(
            tally: counts.map { key, count in
                var row = key
                row.count = count
                return row
            },
            ticketManagers: self.usersByID.values.map(\.user).filter(TicketPolicy.canBeAssigned).sorted { $0.id.rawValue < $1.id.rawValue },
            resolutionTimes: resolutionTimes,
            days: days.values.sorted { $0.day < $1.day }
        )
    }

    /// The active tickets `viewer` reported, in queue order with positions.
    /// - Parameters:
    ///   - viewer: The user whose tickets to list.
    ///   - limit: How many to list at most.
    /// - Returns: At most `limit` tickets, and how many there are in all.
    public func ownQueue(of viewer: User.ID, limit: Int) -> OwnQueue {
        let own = self.ticketsByID.values.filter { $0.createdByID == viewer && $0.status.isActive }.sorted(by: TicketQueue.precedes)
        return OwnQueue(
            tickets: own.prefix(limit).compactMap { ticket in
                TicketQueue.position(of: ticket, among: self.ticketsByID.values).map { QueuedTicket(ticket: ticket, queuePosition: $0) }
            },
            total: own.count
        )
    }

    // MARK: Comments

    /// Creates a comment and records its ticket's `commented` event.
    /// - Parameters:
    ///   - draft: The validated comment.
    ///   - event: Its `commented` event.
    /// - Returns: The new comment, with a fresh id.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket is gone.
    public func createComment(_ draft: NewComment, event: TicketEventDraft) throws -> Comment {
        guard self.ticketsByID[draft.ticketID] != nil else { throw TicketError.notFound("Ticket") }
        let comment = Comment(draft, id: Comment.ID(self.nextID()))
        self.commentsByID[comment.id] = comment
        self.record([event], on: draft.ticketID)
        return comment
    }

    /// A comment by id.
    /// - Parameters:
    ///   - id: The comment's id.
    /// - Returns: The comment, or `nil` when there is none.
    public func comment(id: Comment.ID) -> Comment? { self.commentsByID[id] }

    /// Writes a comment, with its ticket's event.
    /// - Parameters:
    ///   - comment: The comment as it should be.
    ///   - event: Its `comment_edited` event.
    /// - Returns: The comment as stored.
    /// - Throws: ``TicketError/Kind/notFound`` when the comment is gone.
    public func updateComment(_ comment: Comment, event: TicketEventDraft) throws -> Comment {
        guard self.commentsByID[comment.id] != nil else { throw TicketError.notFound("Comment") }
        self.commentsByID[comment.id] = comment
        self.record([event], on: comment.ticketID)
        return comment
    }

    /// Deletes a comment and records the event on its ticket.
    /// - Parameters:
    ///   - comment: The comment to delete.
    ///   - event: Its `comment_deleted` event.
    /// - Throws: ``TicketError/Kind/notFound`` when the comment is gone.
    public func deleteComment(_ comment: Comment, event: TicketEventDraft) throws {
        guard self.commentsByID.removeValue(forKey: comment.id) != nil else { throw TicketError.notFound("Comment") }
        self.record([event], on: comment.ticketID)
    }

    /// A page of comments matching `query`, oldest first.
    /// - Parameters:
    ///   - query: The filters and page.
    /// - Returns: A page of comments.
    public func comments(matching query: CommentQuery) -> Page<Comment> {
        let matching = self.commentsByID.values.filter { comment in
            if let ticketID = query.ticketID, comment.ticketID != ticketID { return false }
            if let author = query.authorID, comment.authorID != author { return false }
            guard let ticket = self.ticketsByID[comment.ticketID], TicketVisibility(restrictedTo: query.visibleTo).includes(ticket) else {
                return false
            }
            return true
        }.sorted { $0.id < $1.id }
        let after = matching.filter { $0.id.rawValue > (query.page.after?.id ?? .min) }
        return Page(fetched: Array(after.prefix(query.page.limit + 1)), limit: query.page.limit, totalCount: matching.count) {
            PageCursor(id: $0.id.rawValue)
        }
    }

    // MARK: History

    /// A page of a ticket's events, oldest first.
    /// - Parameters:
    ///   - ticketID: The ticket.
    ///   - page: Which page.
    /// - Returns: A page of events.
    public func history(of ticketID: Ticket.ID, page: PageRequest) -> Page<TicketEvent> {
        let all = self.events.filter { $0.ticketID == ticketID }
        let after = all.filter { $0.id.rawValue > (page.after?.id ?? .min) }
        return Page(fetched: Array(after.prefix(page.limit + 1)), limit: page.limit, totalCount: all.count) {
            PageCursor(id: $0.id.rawValue)
        }
    }

    private func record(_ drafts: [TicketEventDraft], on ticketID: Ticket.ID) {
        for draft in drafts {
            self.events.append(
                TicketEvent(
                    id: TicketEvent.ID(self.nextID()), ticketID: ticketID, actorID: draft.actorID, at: draft.at,
                    kind: draft.kind, from: draft.from, to: draft.to
                )
            )
        }
    }

    // MARK: Operations

    /// Always `nil`: an in-memory store has no earlier version's settings.
    /// - Parameters:
    ///   - key: The setting's name.
    /// - Returns: `nil`.
    public func storedSetting(_ key: String) -> String? { nil }

    /// Does nothing: an in-memory store has no settings.
    /// - Parameters:
    ///   - key: The setting's name.
    public func removeSetting(_ key: String) {}

    /// Does nothing: an in-memory store always answers.
    public func ping() {}

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}

extension InMemoryTicketStore: BulkTicketLoading {
    /// Inserts `tickets` with their comments, a `created` event for each ticket and a `commented`
    /// event for each comment.
    /// - Parameters:
    ///   - tickets: The tickets to insert, with their comments.
    /// - Throws: Nothing in practice; the signature matches ``BulkTicketLoading/bulkLoad(_:)``.
    public func bulkLoad(_ tickets: [BulkTicket]) throws {
        for bulk in tickets {
            let event = TicketEventDraft(kind: .created, actorID: bulk.createdByID, at: bulk.createdAt)
            var ticket = try self.createTicket(
                NewTicket(
                    title: bulk.title, description: bulk.description, priority: bulk.priority, createdByID: bulk.createdByID,
                    createdAt: bulk.createdAt),
                event: event
            )
            ticket.status = bulk.status
            ticket.assignedToID = bulk.assignedToID
            ticket.updatedAt = bulk.updatedAt
            ticket.resolvedAt = bulk.resolvedAt
            ticket.closedAt = bulk.closedAt
            self.ticketsByID[ticket.id] = ticket
            for comment in bulk.comments {
                _ = try self.createComment(
                    NewComment(ticketID: ticket.id, authorID: comment.authorID, content: comment.content, createdAt: comment.createdAt),
                    event: TicketEventDraft(kind: .commented, actorID: comment.authorID, at: comment.createdAt)
                )
            }
        }
    }
}
