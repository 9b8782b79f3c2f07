extension TicketService {
    /// `POST /tickets`: a new `incoming` ticket by `actor`, with the open tickets that look
    /// like the same problem.
    /// - Parameters:
    ///   - input: The raw title, description and priority.
    ///   - actor: The signed-in caller, who becomes the creator.
    /// - Returns: The new ticket with its queue position and ``TicketDetails/possibleDuplicates``;
    ///   a ``TicketEvent/Kind/created`` event is recorded.
    /// - Throws: ``TicketError/Kind/validation`` when a field is missing or invalid.
    public func createTicket(_ input: TicketInput, by actor: User) async throws -> TicketDetails {
        var check = Validator()
        let title = check.text(input.title, field: "title", limits: ValidationLimits.title)
        let description = check.text(input.description, field: "description", limits: ValidationLimits.description)
        let priority = check.priority(input.priority)
        let category = check.category(input.category, in: self.categories)
        try check.check()
        guard let title, let description, let priority else { throw TicketError.invalidRequest("Invalid ticket") }
        let now = self.timestamp()
        let ticket = try await self.changingOfficeFigures {
            try await self.store.createTicket(
                NewTicket(
                    title: title, description: description, priority: priority, createdByID: actor.id, createdAt: now, category: category),
                event: TicketEventDraft(kind: .created, actorID: actor.id, at: now)
            )
        }
        var details = TicketDetails(
            ticket: ticket, createdBy: actor, assignedTo: nil, comments: [],
            possibleDuplicates: try await self.possibleDuplicates(of: ticket, by: actor)
        )
        details.commentCount = 0
        // A ticket made a moment ago is nobody's original yet: only its place in the queue is read.
        details.standing = TicketStanding(
            queuePosition: try await self.store.queuePositions(of: [ticket.id])[ticket.id], visibleDuplicates: [], duplicateCount: 0
        )
        return details
    }

    /// `GET /tickets/{id}`: the ticket with its comments, queue position and duplicates, if
    /// `actor` may see it.
    /// - Parameters:
    ///   - id: The ticket.
    ///   - actor: The signed-in caller.
    /// - Returns: The ticket with its people, its first ``TicketDetails/embeddedCommentLimit`` comments
    ///   and its ``TicketDetails/standing``.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket does not exist or `actor` may not see it.
    public func ticket(_ id: Ticket.ID, by actor: User) async throws -> TicketDetails {
        let snapshot = try await self.store.ticketSnapshot(id: id, commentLimit: TicketDetails.embeddedCommentLimit) { ticket in
            TicketPolicy.canView(ticket, actor)
        }
        guard let snapshot else {
            throw TicketError.notFound("Ticket")
        }
        try TicketPolicy.authorize(.viewTicket(snapshot.ticket), by: actor)
        var details = try self.details(snapshot.ticket, people: snapshot.people, comments: snapshot.comments)
        // Only a thread as long as the limit may hold more: then they are counted.
        details.commentCount =
            snapshot.comments.count < TicketDetails.embeddedCommentLimit
            ? snapshot.comments.count
            : try await self.store.comments(matching: CommentQuery(ticketID: id, page: PageRequest(limit: 1))).totalCount
        details.standing = TicketStanding(
            queuePosition: snapshot.queuePosition,
            visibleDuplicates: snapshot.duplicates.filter { TicketPolicy.canView($0, actor) }.map(\.id),
            duplicateCount: snapshot.duplicates.count
        )
        return details
    }

    /// `GET /tickets`: the tickets `actor` may see, filtered, sorted and paginated.
    /// - Parameters:
    ///   - input: The raw query parameters.
    ///   - actor: The signed-in caller.
    /// - Returns: A page of tickets with their people (without comments).
    /// - Throws: ``TicketError/Kind/validation`` for an unknown status, priority, category or sort, a bad
    ///   `assigned_to_id`, `created_by_id`, `q`, `limit` or `cursor`; ``TicketError/Kind/busy`` when a
    ///   `q` search runs longer than ``ValidationLimits/searchTime`` in an SQL store.
    public func listTickets(_ input: TicketListInput, by actor: User) async throws -> Page<TicketDetails> {
        let query = try self.ticketQuery(input, by: actor)
        let page = try await self.store.tickets(matching: query).ordered(by: query.sort.cursorOrdering)
        let people = try await self.people(page.items.flatMap { TicketSnapshot.peopleNamed(on: $0, comments: []) })
        return try page.map { try self.details($0, people: people, comments: nil) }
    }

    /// `DELETE /tickets/{id}`, with its comments and history. The delete lands only on the
    /// version it was allowed for: when the ticket changed meanwhile (a technician moved it on
    /// from `incoming`), the rule is checked again on the new version.
    /// - Parameters:
    ///   - id: The ticket.
    ///   - actor: The signed-in caller.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket does not exist or `actor` may not see it;
    ///   ``TicketError/Kind/forbidden`` when `actor` may not delete it; ``TicketError/Kind/staleVersion``
    ///   when it kept changing.
    public func deleteTicket(_ id: Ticket.ID, by actor: User) async throws {
        var attempts = 0
        while true {
            guard let ticket = try await self.store.ticket(id: id) else { throw TicketError.notFound("Ticket") }
            try TicketPolicy.authorize(.deleteTicket(ticket), by: actor)
            do {
                return try await self.changingOfficeFigures { try await self.store.deleteTicket(id: id, expectedVersion: ticket.version) }
            } catch let error as TicketError where error.kind == .staleVersion && attempts < 3 {
                attempts += 1
            }
        }
    }

    /// `GET /tickets/{id}/history`, oldest first.
    /// - Parameters:
    ///   - id: The ticket.
    ///   - input: The raw `limit` and `cursor`.
    ///   - actor: The signed-in caller.
    /// - Returns: A page of the ticket's events with the users who caused them.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket does not exist or `actor` may not see it;
    ///   ``TicketError/Kind/validation`` for a bad `limit` or `cursor`.
    public func history(of id: Ticket.ID, page input: PageInput, by actor: User) async throws -> Page<HistoryEntry> {
        _ = try await self.visibleTicket(id, by: actor)
        let page = try await self.store.history(of: id, page: try input.parse(ordering: .id))
        let people = try await self.people(page.items.map(\.actorID))
        return try page.map { event in
            guard let actor = people[event.actorID] else { throw TicketError.notFound("User") }
            return HistoryEntry(event: event, actor: actor)
        }
    }

    /// The ticket, or `notFound` when it is missing or `actor` may not see it.
    func visibleTicket(_ id: Ticket.ID, by actor: User) async throws -> Ticket {
        guard let ticket = try await self.store.ticket(id: id) else { throw TicketError.notFound("Ticket") }
        try TicketPolicy.authorize(.viewTicket(ticket), by: actor)
        return ticket
    }

    func details(_ ticket: Ticket, people: [User.ID: User], comments: [Comment]?) throws -> TicketDetails {
        guard let creator = people[ticket.createdByID] else { throw TicketError.notFound("User") }
        return TicketDetails(
            ticket: ticket,
            createdBy: creator,
            assignedTo: ticket.assignedToID.flatMap { people[$0] },
            comments: try comments?.map { comment in
                guard let author = people[comment.authorID] else { throw TicketError.notFound("User") }
                return CommentDetails(comment: comment, author: author, ticket: ticket)
            }
        )
    }

    private func ticketQuery(_ input: TicketListInput, by actor: User) throws(TicketError) -> TicketQuery {
        var errors = FieldErrors()
        var query = TicketQuery(visibleTo: TicketVisibility(of: actor).viewer)
        for value in input.status.flatMap({ $0.split(separator: ",") }) {
            if let status = TicketStatus(parsing: String(value)) {
                query.statuses.insert(status)
            } else {
                errors.add("status", "must be one of: \(TicketStatus.allowedList)")
            }
        }
        for value in input.priority.flatMap({ $0.split(separator: ",") }) {
            if let priority = TicketPriority(parsing: String(value)) {
                query.priorities.insert(priority)
            } else {
                errors.add("priority", "must be one of: \(TicketPriority.allowedList)")
            }
        }
        // An empty filter (`assigned_to_id=`) filters nothing, as if it were left out.
        if let raw = input.assignedToID?.trimmingWhitespace().lowercased(), !raw.isEmpty {
            switch raw {
            case "me": query.assignee = .user(actor.id)
            case "none": query.assignee = .unassigned
            default:
                if let id = Int64(raw), id > 0 {
                    query.assignee = .user(User.ID(id))
                } else {
                    errors.add("assigned_to_id", "must be a user id, me or none")
                }
            }
        }
        if let raw = input.createdByID?.trimmingWhitespace().lowercased(), !raw.isEmpty {
            if raw == "me" {
                query.createdBy = actor.id
            } else if let id = Int64(raw), id > 0 {
                query.createdBy = User.ID(id)
            } else {
                errors.add("created_by_id", "must be a user id or me")
            }
        }
        for value in input.category.flatMap({ $0.split(separator: ",") }) {
            if TicketCategories.folded(String(value)) == TicketCategories.noneFilter {
                query.categories.insert(nil)
            } else if let name = self.categories.matching(String(value)) {
                query.categories.insert(name)
            } else {
                errors.add("category", "must be \(TicketCategories.noneFilter) or one of: \(self.categories.allowedList)")
            }
        }
        if let sort = input.sort {
            if let parsed = TicketSort(parsing: sort) {
                query.sort = parsed
            } else {
                errors.add("sort", "must be one of: created_at, updated_at, priority, optionally with a leading -")
            }
        }
        var text = Validator(errors: errors)
        if let q = input.q, !q.trimmingWhitespace().isEmpty {
            query.text = text.presentText(q, field: "q", limits: ValidationLimits.searchText).map(SearchText.searchWords)
        }
        try text.check()
        query.page = try input.page.parse(ordering: query.sort.cursorOrdering)
        return query
    }
}
