extension TicketService {
    /// Any authenticated user may list users.
    /// - Parameters:
    ///   - actor: The signed-in caller.
    ///   - page: The raw `limit` and `cursor`.
    /// - Returns: A page of users, ordered by id.
    /// - Throws: ``TicketError/Kind/validation`` for a bad `limit` or `cursor`.
    public func listUsers(by actor: User, page: PageInput) async throws -> Page<User> {
        try TicketPolicy.authorize(.listUsers, by: actor)
        return try await self.store.users(page: try page.parse(ordering: .id))
    }

    /// A user with their tickets and comments, limited to what `actor` may see.
    /// - Parameters:
    ///   - id: The user.
    ///   - actor: The signed-in caller.
    /// - Returns: The user with at most ``UserProfile/nestedLimit`` of each list: tickets newest first,
    ///   comments oldest first.
    /// - Throws: ``TicketError/Kind/notFound`` when there is no such user.
    public func profile(of id: User.ID, by actor: User) async throws -> UserProfile {
        guard let user = try await self.store.user(id: id) else { throw TicketError.notFound("User") }
        try TicketPolicy.authorize(.viewUser(user), by: actor)
        let scope = TicketVisibility(of: actor).viewer
        let page = PageRequest(limit: UserProfile.nestedLimit)
        async let created = self.store.tickets(matching: TicketQuery(visibleTo: scope, createdBy: id, page: page))
        async let assigned = self.store.tickets(matching: TicketQuery(visibleTo: scope, assignee: .user(id), page: page))
        async let comments = self.store.comments(matching: CommentQuery(authorID: id, visibleTo: scope, page: page))
        return UserProfile(
            user: user,
            createdTickets: try await created.items,
            assignedTickets: try await assigned.items,
            createdComments: try await comments.items
        )
    }

    /// `PATCH` or `PUT /users/{id}`. A field the caller may not change is a 403 and nothing
    /// changes. Changing one's own password or email needs `current_password`. Only the fields
    /// that change are written, so a concurrent deactivation or role change by an admin stands;
    /// a password change ends every earlier token of the user.
    /// - Parameters:
    ///   - id: The user to change.
    ///   - input: The fields sent.
    ///   - actor: The signed-in caller.
    /// - Returns: The user as stored after the change (unchanged when nothing changes).
    /// - Throws: ``TicketError/Kind/notFound`` when there is no such user; ``TicketError/Kind/validation``
    ///   for an invalid or, on `PUT`, missing field, an unknown role, or a missing `current_password`;
    ///   ``TicketError/Kind/forbidden`` when `actor` may not change a field sent, or `current_password` is
    ///   wrong; ``TicketError/Kind/tooManyAttempts`` after too many wrong `current_password`s;
    ///   ``TicketError/Kind/conflict`` when the email is taken; ``TicketError/sessionChanged`` when
    ///   `actor`'s session ended or lost the right meanwhile; and whatever ``passwords`` throws.
    public func updateUser(_ id: User.ID, with input: UserChangesInput, by actor: User) async throws -> User {
        guard let user = try await self.store.user(id: id) else { throw TicketError.notFound("User") }
        // Validate.
        var check = Validator()
        let name = input.name.flatMap { check.presentText($0, field: "name", limits: ValidationLimits.name) }
        let email = input.email.flatMap { check.email($0) }
        let password = input.password.flatMap { check.password($0) }
        var role: Role?
        if let roleName = input.role { role = try await self.existingRole(roleName, validator: &check) }
        if input.isReplacement {
            if input.name == nil { check.errors.add("name", "is required") }
            if input.email == nil { check.errors.add("email", "is required") }
        }
        try check.check()
        // Authorize every field sent: a field the caller may not change is a 403, never silently
        // ignored (docs/api.md), even when it holds the current value, on someone else's account.
        // On one's own account, sending the current role or state back (a PUT of what GET
        // returned) is not a change.
        let isOwnAccount = actor.id == user.id
        if name != nil || email != nil || password != nil { try TicketPolicy.authorize(.editProfile(of: user), by: actor) }
        if let role, role != user.role || !isOwnAccount { try TicketPolicy.authorize(.changeRole(of: user), by: actor) }
        if let active = input.active, active != user.isActive || !isOwnAccount {
            try TicketPolicy.authorize(.changeActive(of: user), by: actor)
        }
        // Write only what changes.
        var changes = UserChanges()
        if let name, name != user.name { changes.name = name }
        if let email, email != user.email { changes.email = email }
        if let role, role != user.role { changes.roleName = role.name }
        if let active = input.active, active != user.isActive {
            changes.isActive = active
            changes.endsSessions = !active
        }
        if isOwnAccount, changes.email != nil || password != nil {
            try await self.confirmCurrentPassword(input.currentPassword, of: user)
        }
        if let password {
            changes.passwordHash = try await self.passwords.hash(password)
            changes.endsSessions = true
        }
        guard !changes.isEmpty else { return user }
        // The write lands only while the caller's session is still what it was (and, for
        // someone else's account, still allowed to manage users).
        let managesUsers = !isOwnAccount || changes.roleName != nil || changes.isActive != nil
        changes.actingSession = ActingSession(of: actor, managesUsers: managesUsers)
        return try await self.storeUserChanges(id, changes)
    }

    /// `DELETE /users/{id}`: deactivates and ends the user's sessions; tickets and comments
    /// stay attributed. An inactive user stays as they are.
    /// - Parameters:
    ///   - id: The user to deactivate.
    ///   - actor: The signed-in caller.
    /// - Throws: ``TicketError/Kind/notFound`` when there is no such user; ``TicketError/Kind/forbidden``
    ///   when `actor` may not manage users or names themselves; ``TicketError/sessionChanged`` when
    ///   `actor`'s session ended or lost the right meanwhile.
    public func deactivateUser(_ id: User.ID, by actor: User) async throws {
        guard let user = try await self.store.user(id: id) else { throw TicketError.notFound("User") }
        try TicketPolicy.authorize(.changeActive(of: user), by: actor)
        guard user.isActive else { return }
        let changes = UserChanges(isActive: false, endsSessions: true, actingSession: ActingSession(of: actor, managesUsers: true))
        _ = try await self.storeUserChanges(id, changes)
    }

    /// Writes `changes`; a write that did not land is a 404 for a missing user, else the
    /// acting session changed meanwhile.
    private func storeUserChanges(_ id: User.ID, _ changes: UserChanges) async throws -> User {
        if let stored = try await self.changingOfficeFigures({ try await self.store.updateUser(id, changes: changes) }) { return stored }
        throw try await self.store.user(id: id) == nil ? TicketError.notFound("User") : TicketError.sessionChanged
    }
}
