public import Foundation

extension TicketService {
    /// Self-registration, when ``selfRegistration`` admits the email: always the `user` role,
    /// whatever `role` says. Each attempt counts against its client address
    /// (``LoginThrottle/maxRegistrationsPerAddress``; 429 beyond it).
    /// - Parameters:
    ///   - input: The new account's name, email and password; its role is ignored.
    ///   - clientAddress: Where the request came from; `nil` when unknown.
    /// - Returns: The new user, active, with the `user` role.
    /// - Throws: ``TicketError/Kind/forbidden`` when self-registration is closed or the email's domain
    ///   is not admitted; ``TicketError/Kind/tooManyAttempts`` when the address has used its
    ///   registrations; ``TicketError/Kind/validation`` for a missing or invalid name, email or password;
    ///   ``TicketError/Kind/conflict`` when the email is taken; and whatever ``passwords`` throws.
    public func register(_ input: RegistrationInput, clientAddress: String? = nil) async throws -> User {
        switch self.selfRegistration {
        case .closed:
            throw TicketError.forbidden("Self-registration is switched off; ask an administrator for an account")
        case .open:
            break
        case .domains(let domains):
            // An address that is not one gets the usual 400 from createAccount.
            if let email = input.email.flatMap(EmailAddress.normalize), let domain = email.split(separator: "@").last,
                !domains.contains(String(domain))
            {
                let list = domains.sorted().joined(separator: ", ")
                throw TicketError.forbidden("Self-registration is open only to addresses at \(list); ask an administrator for an account")
            }
        }
        try await self.throttle.countRegistration(from: clientAddress, in: self.store, now: self.now())
        return try await self.createAccount(input, roleName: Role.user.name)
    }

    /// Registration by a user manager, with a chosen role (default `user`).
    /// - Parameters:
    ///   - input: The new account's name, email, password and role name.
    ///   - actor: The signed-in caller.
    /// - Returns: The new user, active.
    /// - Throws: ``TicketError/Kind/forbidden`` when `actor` may not manage users;
    ///   ``TicketError/Kind/validation`` for a missing or invalid field or an unknown role;
    ///   ``TicketError/Kind/conflict`` when the email is taken; ``TicketError/sessionChanged`` when
    ///   `actor`'s session ended or lost the right meanwhile; and whatever ``passwords`` throws.
    public func register(_ input: RegistrationInput, by actor: User) async throws -> User {
        try TicketPolicy.authorize(.registerWithRole, by: actor)
        return try await self.createAccount(input, roleName: input.role, actingSession: ActingSession(of: actor, managesUsers: true))
    }

    /// Checks an email and password. A text that is not shaped like an email is a 400 before
    /// any lookup, throttling or hashing. Each attempt is counted before the password is checked
    /// (see ``LoginThrottle``): per email and client address, per email from anywhere, and per
    /// client address when that limit is on; a right password takes its attempt back, so only
    /// failures remain counted.
    /// - Parameters:
    ///   - rawEmail: The email as entered; it is trimmed and lower-cased.
    ///   - password: The password as entered.
    ///   - clientAddress: Where the request came from, for the per-address limit.
    /// - Returns: The active user.
    /// - Throws: ``TicketError/Kind/validation`` when `rawEmail` is not an email;
    ///   ``TicketError/Kind/tooManyAttempts`` when a limit is reached (with the wait);
    ///   ``TicketError/Kind/unauthenticated`` for an unknown email, a wrong password or a deactivated
    ///   account (the same message for each); and whatever ``passwords`` throws, such as ``TicketError/Kind/busy``.
    public func login(email rawEmail: String, password: String, clientAddress: String? = nil) async throws -> User {
        var check = Validator()
        let email = check.email(rawEmail) ?? ""
        try check.check()
        let now = self.now()
        let credentials = try await self.store.credentials(email: email)
        // A right password takes back only its own attempt: failures counted meanwhile (someone
        // guessing while the owner logs in) stay counted. A refusal by one key checked nothing
        // and is taken back from the others.
        var keys = [
            (LoginThrottle.key(email: email, address: clientAddress), self.throttle.maxFailures),
            (LoginThrottle.key(email: email), self.throttle.maxFailuresPerEmail),
        ]
        if let limit = self.throttle.maxFailuresPerAddress, let clientAddress {
            keys.append((LoginThrottle.key(address: clientAddress), limit))
        }
        let passed = try await self.throttle.attempt(keys, in: self.store, now: now) {
            let matches = try await self.passwords.verify(password, against: credentials?.passwordHash ?? self.passwords.timingDummyHash)
            return matches && credentials?.user.isActive == true
        }
        guard passed, let credentials else { throw TicketError.unauthenticated("Wrong email or password") }
        // Best effort: an upgrade that fails (a full hashing queue, say) is tried at the next login.
        if self.passwords.needsRehash(credentials.passwordHash), let hash = try? await self.passwords.hash(password) {
            let upgraded = UserChanges(passwordHash: hash, expectedPasswordHash: credentials.passwordHash)
            _ = try? await self.store.updateUser(credentials.user.id, changes: upgraded)
        }
        return credentials.user
    }

    /// Checks `password` as a login would, for a user confirming a change to their own account:
    /// counted against the email from anywhere and, with the stricter per-address limit, against
    /// the session's own key (someone holding a stolen token gets the same few guesses as at the
    /// login form); wrong is a 403, too many attempts a 429.
    func confirmCurrentPassword(_ password: String?, of user: User) async throws {
        guard let password else {
            var errors = FieldErrors()
            errors.add("current_password", "is required to change your own password or email")
            throw TicketError.validation(errors)
        }
        let credentials = try await self.store.credentials(email: user.email)
        let keys = [
            (LoginThrottle.key(email: user.email, address: "signed-in"), self.throttle.maxFailures),
            (LoginThrottle.key(email: user.email), self.throttle.maxFailuresPerEmail),
        ]
        let passed = try await self.throttle.attempt(keys, in: self.store, now: self.now()) {
            guard let hash = credentials?.passwordHash else { return false }
            return try await self.passwords.verify(password, against: hash)
        }
        guard passed else { throw TicketError.forbidden("current_password is wrong") }
    }

    /// Opens a session for `user`, who just proved their password, lasting `lifetime` from now
    /// (whole seconds, as token expiries are). Sessions run on the wall clock, not the service's
    /// clock: their tokens' expiry is checked against it. A password change or "log out
    /// everywhere" that committed since the check wins (``TicketError/sessionChanged``, a 401).
    /// - Parameters:
    ///   - user: The user, as ``login(email:password:clientAddress:)`` returned them.
    ///   - lifetime: How long the session lasts, in seconds.
    ///   - userAgent: The client's `User-Agent`, kept (cleaned and cut) to tell sessions apart.
    /// - Returns: The new session; its ``Session/id`` goes into the tokens.
    /// - Throws: ``TicketError/sessionChanged`` when `user` is no longer active or in the same session generation.
    public func startSession(for user: User, lasting lifetime: TimeInterval, userAgent: String?) async throws -> Session {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        return try await self.store.startSession(
            NewSession(of: user, createdAt: now, expiresAt: now.addingTimeInterval(lifetime), userAgent: userAgent)
        )
    }

    /// The user behind a verified token: must exist, be active, and the token must belong to
    /// their current session generation (role changes apply at once) and to a session that
    /// has not ended.
    /// - Parameters:
    ///   - userID: The token's user.
    ///   - sessionGeneration: The token's session generation.
    ///   - session: The token's session.
    /// - Returns: The user, as stored now.
    /// - Throws: ``TicketError/Kind/unauthenticated`` when the session has ended or is not the user's, the
    ///   user is unknown or deactivated, or the generation has moved on.
    public func authenticate(userID: User.ID, sessionGeneration: Int, session: Session.ID) async throws -> User {
        guard let user = try await self.store.user(id: userID, inSession: session) else {
            throw TicketError.unauthenticated("The session has ended or its user is unknown; sign in again")
        }
        guard user.isActive else {
            throw TicketError.unauthenticated("The token's user is deactivated")
        }
        guard user.sessionGeneration == sessionGeneration else {
            throw TicketError.unauthenticated("The session has ended; sign in again")
        }
        return user
    }

    /// `POST /auth/logout`: ends the session `session` of `actor` (their other sessions stay).
    /// - Parameters:
    ///   - session: The session to end.
    ///   - actor: The signed-in caller.
    /// - Throws: ``TicketError/Kind/unauthenticated`` when `actor` has no such session (it ended already).
    public func endSession(_ session: Session.ID, of actor: User) async throws {
        guard try await self.store.endSession(session, of: actor.id) else {
            throw TicketError.unauthenticated("The session has ended already")
        }
    }

    /// `POST /auth/logout-all`: ends every token of `actor` issued so far.
    /// - Parameters:
    ///   - actor: The signed-in caller.
    /// - Throws: ``TicketError/sessionChanged`` when `actor`'s session generation moved on or they were
    ///   deactivated meanwhile.
    public func endAllSessions(of actor: User) async throws {
        let changes = UserChanges(endsSessions: true, actingSession: ActingSession(of: actor, managesUsers: false))
        guard try await self.store.updateUser(actor.id, changes: changes) != nil else { throw TicketError.sessionChanged }
    }

    /// Creates the first administrator unless an account with this email exists.
    /// - Parameters:
    ///   - name: The administrator's display name.
    ///   - email: Their login email.
    ///   - password: Their password, 8-128 characters.
    /// - Returns: The new admin, or `nil` when the email was already taken (left as it is).
    /// - Throws: ``TicketError/Kind/validation`` for an invalid name, email or password;
    ///   ``TicketError/Kind/conflict`` when another call took the email meanwhile; and whatever
    ///   ``passwords`` throws.
    public func ensureAdmin(name: String, email: String, password: String) async throws -> User? {
        if let normalized = EmailAddress.normalize(email), try await self.store.credentials(email: normalized) != nil {
            return nil
        }
        return try await self.createAccount(.init(name: name, email: email, password: password), roleName: Role.admin.name)
    }

    private func createAccount(_ input: RegistrationInput, roleName: String?, actingSession: ActingSession? = nil) async throws -> User {
        var check = Validator()
        let name = check.text(input.name, field: "name", limits: ValidationLimits.name)
        let email = check.email(input.email)
        let password = check.password(input.password)
        let role = try await self.existingRole(roleName ?? Role.user.name, validator: &check)
        try check.check()
        guard let name, let email, let password, let role else { throw TicketError.invalidRequest("Invalid account") }
        let hash = try await self.passwords.hash(password)
        return try await self.changingOfficeFigures {
            try await self.store.createUser(
                NewUser(name: name, email: email, passwordHash: hash, roleName: role.name, createdAt: self.timestamp(), actingSession: actingSession)
            )
        }
    }

    /// Looks up a role by (trimmed, case-insensitive) name, recording a `role` error when unknown.
    func existingRole(_ rawName: String, validator: inout Validator) async throws -> Role? {
        let name = rawName.trimmingWhitespace().lowercased()
        // Role names are short words; anything else names no role and never reaches a store.
        let plausible = (1...ValidationLimits.name.upperBound).contains(name.unicodeScalars.count) && !name.unicodeScalars.contains("\u{0}")
        guard plausible, let role = try await self.store.role(named: name) else {
            validator.errors.add("role", "must name an existing role")
            return nil
        }
        return role
    }
}
