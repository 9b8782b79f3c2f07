import Foundation

extension TicketService {
    /// `PATCH` or `PUT /tickets/{id}`.
    ///
    /// Fields equal to their current value are not changes. Every real change is authorized
    /// before anything is written; one forbidden field refuses the whole request (403).
    /// - Parameters:
    ///   - id: The ticket.
    ///   - input: The fields sent.
    ///   - expectedVersion: The `If-Match` version; stale is a 412. Without it, a
    ///     write that races another is re-applied to the newer version (a few times at most).
    ///   - actor: The signed-in caller.
    /// - Returns: The ticket as it is after the change, with its comments, queue position and duplicates.
    /// - Throws: ``TicketError/Kind/notFound`` when the ticket does not exist or `actor` may not see it;
    ///   ``TicketError/Kind/staleVersion`` when `expectedVersion` is not the current version (or, without
    ///   it, when the ticket kept changing); ``TicketError/Kind/validation`` for an invalid or, on `PUT`,
    ///   missing field, an assignee who may not be assigned, a duplicate target that is the ticket
    ///   itself or one `actor` cannot see, or a mark that would make a cycle (``TicketError/duplicateCycle``);
    ///   ``TicketError/Kind/forbidden`` when `actor` may not make one of the changes.
    public func updateTicket(
        _ id: Ticket.ID,
        with input: TicketChangesInput,
        expectedVersion: Int?,
        by actor: User
    ) async throws -> TicketDetails {
        var attempts = 0
        while true {
            do {
                return try await self.attemptUpdate(id, with: input, expectedVersion: expectedVersion, by: actor)
            } catch let error as TicketError where error.kind == .staleVersion && expectedVersion == nil && attempts < 3 {
                attempts += 1
            }
        }
    }

    private func attemptUpdate(
        _ id: Ticket.ID,
        with input: TicketChangesInput,
        expectedVersion: Int?,
        by actor: User
    ) async throws -> TicketDetails {
        let current = try await self.visibleTicket(id, by: actor)
        if let expectedVersion, expectedVersion != current.version {
            throw TicketError.staleVersion(current: current.version)
        }
        // Validate.
        var check = Validator()
        let title = input.title.flatMap { check.presentText($0, field: "title", limits: ValidationLimits.title) }
        let description = input.description.flatMap {
            check.presentText($0, field: "description", limits: ValidationLimits.description)
        }
        let priority = input.priority.flatMap { check.priority($0) }
        let status = input.status.flatMap { check.status($0) }
        // The ticket's own category is kept as it is, even one no longer configured, so that a
        // client sending back what it read (a PUT) is not refused for it.
        let category = input.category.map { raw in
            raw.map(TicketCategories.folded) == current.category.map(TicketCategories.folded)
                ? current.category : check.category(raw, in: self.categories)
        }
        if input.isReplacement {
            for (field, value) in [("title", input.title), ("description", input.description), ("priority", input.priority)]
            where value == nil {
                check.errors.add(field, "is required")
            }
        }
        try check.check()

        // Work out the new ticket and authorize each change.
        let now = self.timestamp()
        var updated = current
        updated.title = title ?? current.title
        updated.description = description ?? current.description
        updated.priority = priority ?? current.priority
        updated.category = category ?? current.category
        if updated.title != current.title || updated.description != current.description || updated.priority != current.priority
            || updated.category != current.category
        {
            try TicketPolicy.authorize(.editTicketContent(current), by: actor)
        }
        if let status, status != current.status {
            try TicketPolicy.authorize(.changeStatus(current, to: status), by: actor)
            updated.settingStatus(status, at: now)
        }
        if case .some(let assignee) = input.assignedToID, assignee != current.assignedToID {
            try TicketPolicy.authorize(.assignTicket(current), by: actor)
            if let assignee { try await self.checkAssignable(assignee) }
            updated.assignedToID = assignee
        }
        if case .some(let original) = input.duplicateOfID, original != current.duplicateOfID {
            try TicketPolicy.authorize(.markDuplicate(current), by: actor)
            if let original {
                try await self.checkDuplicateTarget(original, of: current, by: actor)
                updated.settingStatus(.closed, at: now)
            }
            updated.duplicateOfID = original
        }
        guard updated != current else {
            return try await self.ticket(id, by: actor)
        }

        // Store the change with its history, atomically and against the version read.
        updated.updatedAt = now
        let events = Self.events(from: current, to: updated, by: actor.id, at: now)
        _ = try await self.changingOfficeFigures {
            try await self.store.updateTicket(updated, expectedVersion: current.version, events: events)
        }
        return try await self.ticket(id, by: actor)
    }

    /// The history rows that describe the move from `old` to `new`.
    static func events(from old: Ticket, to new: Ticket, by actor: User.ID, at now: Date) -> [TicketEventDraft] {
        var events: [TicketEventDraft] = []
        func add(_ kind: TicketEvent.Kind, _ from: String?, _ to: String?) {
            events.append(TicketEventDraft(kind: kind, actorID: actor, at: now, from: from, to: to))
        }
        if old.title != new.title { add(.titleChanged, old.title, new.title) }
        if old.description != new.description { add(.descriptionChanged, nil, nil) }
        if old.priority != new.priority { add(.priorityChanged, old.priority.rawValue, new.priority.rawValue) }
        if old.category != new.category { add(.categoryChanged, old.category, new.category) }
        if old.duplicateOfID != new.duplicateOfID, let original = new.duplicateOfID {
            add(.markedDuplicate, nil, original.description)
        }
        if old.status != new.status { add(.statusChanged, old.status.rawValue, new.status.rawValue) }
        if old.assignedToID != new.assignedToID {
            if let assignee = new.assignedToID {
                add(.assigned, old.assignedToID?.description, assignee.description)
            } else {
                add(.unassigned, old.assignedToID?.description, nil)
            }
        }
        return events
    }

    private func checkAssignable(_ id: User.ID) async throws {
        guard let user = try await self.store.user(id: id), TicketPolicy.canBeAssigned(user) else {
            var errors = FieldErrors()
            errors.add("assigned_to_id", "must name an active user whose role may manage tickets")
            throw TicketError.validation(errors)
        }
    }

    /// The original must exist, be visible and not be the ticket itself. That it does not lead
    /// back to the ticket through other duplicates is checked by the store inside the write
    /// (``TicketError/duplicateCycle``): a check here would race a parallel mark the other way.
    private func checkDuplicateTarget(_ targetID: Ticket.ID, of ticket: Ticket, by actor: User) async throws {
        func reject(_ message: String) -> TicketError {
            var errors = FieldErrors()
            errors.add("duplicate_of_id", message)
            return .validation(errors)
        }
        guard targetID != ticket.id else { throw reject("must not be the ticket itself") }
        guard let target = try await self.store.ticket(id: targetID), TicketPolicy.canView(target, actor) else {
            throw reject("must name an existing ticket you can see")
        }
    }
}
