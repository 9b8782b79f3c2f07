import Testing
import TicketCore

@Suite("Accounts and login")
struct AccountServiceTests {
    @Test func openRegistrationIgnoresRoleAndNormalisesEmail() async throws {
        let f = try await ServiceFixture()
        let user = try await f.service.register(.init(name: " Carl ", email: " Carl@Example.COM ", password: "password1", role: "admin"))
        #expect(user.role == .user)
        #expect(user.email == "carl@example.com")
        #expect(user.name == "Carl")
        #expect(
            await errorKind { _ = try await f.service.register(.init(name: "C2", email: "CARL@example.com", password: "password1")) } == .conflict)
    }

    @Test func registrationValidatesEveryField() async throws {
        let f = try await ServiceFixture()
        let errors = await fieldErrors {
            _ = try await f.service.register(.init(name: String(repeating: "n", count: 101), email: "nope", password: "short"))
        }
        #expect(Set(errors.keys) == ["name", "email", "password"])
        let missing = await fieldErrors { _ = try await f.service.register(.init(name: nil, email: nil, password: nil)) }
        #expect(missing["name"] == ["is required"])
        #expect(await errorKind { _ = try await f.service.register(.init(name: "N\u{0}", email: "n@x.io", password: "password1")) } == .validation)
        #expect(await f.service.store.users(page: PageRequest()).totalCount == 4)
    }

    @Test func closedRegistrationIsForbidden() async throws {
        // Closed is the default.
        let service = TicketService(store: InMemoryTicketStore(), passwords: PlainPasswordHasher())
        #expect(await errorKind { _ = try await service.register(.init(name: "A", email: "a@x.io", password: "password1")) } == .forbidden)
        #expect(SelfRegistration.forDomains(["not a domain"]) == nil)
        #expect(SelfRegistration.forDomains([]) == nil)
    }

    @Test func registrationWithRoleNeedsUserManager() async throws {
        let f = try await ServiceFixture()
        let input = RegistrationInput(name: "T2", email: "t2@example.com", password: "password1", role: "tech")
        #expect(await errorKind { _ = try await f.service.register(input, by: f.tech) } == .forbidden)
        #expect(try await f.service.register(input, by: f.admin).role == .tech)
        let unknown = await fieldErrors {
            _ = try await f.service.register(.init(name: "X", email: "x@example.com", password: "password1", role: "wizard"), by: f.admin)
        }
        #expect(unknown["role"] != nil)
    }

    @Test func loginChecksPasswordAndEmailAlike() async throws {
        let f = try await ServiceFixture()
        #expect(try await f.service.login(email: " ANN@example.com", password: "password1") == f.ann)
        #expect(await errorKind { _ = try await f.service.login(email: "ann@example.com", password: "wrong-password") } == .unauthenticated)
        #expect(await errorKind { _ = try await f.service.login(email: "ghost@example.com", password: "password1") } == .unauthenticated)
    }

    @Test func sixthFailedLoginIsThrottledEvenWithTheRightPassword() async throws {
        let f = try await ServiceFixture()
        for _ in 1...5 {
            #expect(await errorKind { _ = try await f.service.login(email: "ann@example.com", password: "nope-nope") } == .unauthenticated)
        }
        do {
            _ = try await f.service.login(email: "Ann@example.com", password: "password1")
            Issue.record("expected throttling")
        } catch let error as TicketError {
            #expect(error.kind == .tooManyAttempts)
            #expect((error.retryAfterSeconds ?? 0) > 0 && (error.retryAfterSeconds ?? 0) <= 900)
        }
        // Other accounts are unaffected; after the window the right password works again.
        #expect(try await f.service.login(email: "bob@example.com", password: "password1") == f.bob)
        f.clock.advance(by: 15 * 60 + 1)
        #expect(try await f.service.login(email: "ann@example.com", password: "password1") == f.ann)
    }

    @Test func unknownEmailsAreThrottledToo() async throws {
        let f = try await ServiceFixture()
        for _ in 1...5 { _ = await errorKind { _ = try await f.service.login(email: "ghost@example.com", password: "password1") } }
        #expect(await errorKind { _ = try await f.service.login(email: "ghost@example.com", password: "password1") } == .tooManyAttempts)
    }

    @Test func deactivationBlocksLoginAndTokensButKeepsData() async throws {
        let f = try await ServiceFixture()
        let session = try await f.service.startSession(for: f.ann, lasting: 3600, userAgent: nil)
        let ticket = try await f.ticket(by: f.ann)
        _ = try await f.service.addComment(to: ticket.id, content: "Still broken", by: f.ann)
        #expect(await errorKind { try await f.service.deactivateUser(f.ann.id, by: f.tech) } == .forbidden)
        #expect(await errorKind { try await f.service.deactivateUser(f.admin.id, by: f.admin) } == .forbidden)
        try await f.service.deactivateUser(f.ann.id, by: f.admin)
        #expect(await errorKind { _ = try await f.service.login(email: "ann@example.com", password: "password1") } == .unauthenticated)
        #expect(
            await errorKind {
                _ = try await f.service.authenticate(userID: f.ann.id, sessionGeneration: f.ann.sessionGeneration, session: session.id)
            } == .unauthenticated
        )
        let kept = try await f.service.ticket(ticket.id, by: f.admin)
        #expect(kept.createdBy.id == f.ann.id)
        #expect(kept.createdBy.isActive == false)
        #expect(kept.comments?.first?.author.id == f.ann.id)
    }

    @Test func usersMayEditThemselvesButNotOthersOrTheirRole() async throws {
        let f = try await ServiceFixture()
        let renamed = try await f.service.updateUser(
            f.ann.id, with: .init(name: "Ann Lee", password: "new-password", currentPassword: "password1"), by: f.ann
        )
        #expect(renamed.name == "Ann Lee")
        #expect(try await f.service.login(email: "ann@example.com", password: "new-password").id == f.ann.id)
        #expect(await errorKind { _ = try await f.service.updateUser(f.bob.id, with: .init(name: "Hacked"), by: f.ann) } == .forbidden)
        // Someone else's field is refused even when it holds the current value: never ignored.
        #expect(await errorKind { _ = try await f.service.updateUser(f.bob.id, with: .init(name: f.bob.name), by: f.ann) } == .forbidden)
        #expect(await errorKind { _ = try await f.service.updateUser(f.bob.id, with: .init(role: "user"), by: f.tech) } == .forbidden)
        // A forbidden field refuses the whole request: the allowed name change is not applied either.
        #expect(
            await errorKind { _ = try await f.service.updateUser(f.ann.id, with: .init(name: "Ann Admin", role: "admin"), by: f.ann) } == .forbidden)
        #expect(await f.service.store.user(id: f.ann.id)?.name == "Ann Lee")
        #expect(await f.service.store.user(id: f.ann.id)?.role == .user)
        // Sending one's current role is not a change.
        #expect(try await f.service.updateUser(f.ann.id, with: .init(role: "user"), by: f.ann).role == .user)
        #expect(try await f.service.updateUser(f.ann.id, with: .init(role: "tech"), by: f.admin).role == .tech)
        // Ann's password change ended her earlier session; her current one (after the promotion) is this.
        let ann = try #require(await f.service.store.user(id: f.ann.id))
        #expect(
            await errorKind {
                _ = try await f.service.updateUser(ann.id, with: .init(email: "bob@example.com", currentPassword: "new-password"), by: ann)
            }
                == .conflict
        )
        #expect(
            await fieldErrors { _ = try await f.service.updateUser(f.ann.id, with: .init(name: "Only", isReplacement: true), by: f.ann) }["email"]
                != nil)
    }

    @Test func profilesShowOnlyWhatTheCallerMaySee() async throws {
        let f = try await ServiceFixture()
        let bobs = try await f.ticket(by: f.bob)
        let assigned = try await f.ticket(by: f.bob, title: "Assigned to tech")
        _ = try await f.service.updateTicket(assigned.id, with: .init(assignedToID: .some(f.tech.id)), expectedVersion: nil, by: f.admin)
        _ = try await f.service.addComment(to: bobs.id, content: "Mine", by: f.bob)
        let seenByAnn = try await f.service.profile(of: f.bob.id, by: f.ann)
        #expect(seenByAnn.createdTickets.isEmpty)
        #expect(seenByAnn.createdComments.isEmpty)
        let seenByTech = try await f.service.profile(of: f.bob.id, by: f.tech)
        #expect(Set(seenByTech.createdTickets.map(\.id)) == [bobs.id, assigned.id])
        #expect(seenByTech.createdComments.count == 1)
        #expect(try await f.service.profile(of: f.tech.id, by: f.bob).assignedTickets.map(\.id) == [assigned.id])
        #expect(await errorKind { _ = try await f.service.profile(of: User.ID(999), by: f.ann) } == .notFound)
    }

    @Test func changingOwnPasswordOrEmailNeedsTheCurrentPassword() async throws {
        let f = try await ServiceFixture()
        let missing = await fieldErrors { _ = try await f.service.updateUser(f.ann.id, with: .init(password: "new-password"), by: f.ann) }
        #expect(missing["current_password"] != nil)
        #expect(
            await errorKind {
                _ = try await f.service.updateUser(f.ann.id, with: .init(email: "ann2@example.com", currentPassword: "wrong-one"), by: f.ann)
            } == .forbidden)
        #expect(await f.service.store.user(id: f.ann.id)?.email == "ann@example.com")
        // A name alone needs no password; an administrator changing someone else's needs none.
        #expect(try await f.service.updateUser(f.ann.id, with: .init(name: "Ann B"), by: f.ann).name == "Ann B")
        #expect(
            try await f.service.updateUser(f.ann.id, with: .init(password: "admin-set-pw"), by: f.admin).sessionGeneration == f.ann.sessionGeneration
                + 1)
        // Wrong current passwords are counted like failed logins: four more make five, then 429
        // even for the right one. They lock the signed-in guesser, not the login form.
        for _ in 0..<4 {
            _ = await errorKind {
                _ = try await f.service.updateUser(f.ann.id, with: .init(password: "x-password", currentPassword: "nope-nope"), by: f.ann)
            }
        }
        let renamed = UserChangesInput(email: "ann3@example.com", currentPassword: "admin-set-pw")
        #expect(await errorKind { _ = try await f.service.updateUser(f.ann.id, with: renamed, by: f.ann) } == .tooManyAttempts)
        #expect(try await f.service.login(email: "ann@example.com", password: "admin-set-pw").email == "ann@example.com")
    }

    @Test func passwordChangesDeactivationAndLogoutAllEndSessions() async throws {
        let f = try await ServiceFixture()
        let start = try await f.service.startSession(for: f.ann, lasting: 3600, userAgent: "curl/8")
        _ = try await f.service.authenticate(userID: f.ann.id, sessionGeneration: f.ann.sessionGeneration, session: start.id)
        _ = try await f.service.updateUser(f.ann.id, with: .init(password: "new-password", currentPassword: "password1"), by: f.ann)
        #expect(
            await errorKind {
                _ = try await f.service.authenticate(userID: f.ann.id, sessionGeneration: f.ann.sessionGeneration, session: start.id)
            } == .unauthenticated)
        let current = try await f.service.login(email: "ann@example.com", password: "new-password")
        let session = try await f.service.startSession(for: current, lasting: 3600, userAgent: nil)
        _ = try await f.service.authenticate(userID: f.ann.id, sessionGeneration: current.sessionGeneration, session: session.id)
        try await f.service.endAllSessions(of: current)
        #expect(
            await errorKind {
                _ = try await f.service.authenticate(userID: f.ann.id, sessionGeneration: current.sessionGeneration, session: session.id)
            }
                == .unauthenticated)
        let bob = try await f.service.login(email: "bob@example.com", password: "password1")
        try await f.service.deactivateUser(bob.id, by: f.admin)
        #expect(await f.service.store.user(id: bob.id)?.sessionGeneration == bob.sessionGeneration + 1)
    }

    @Test func logoutEndsOnlyItsOwnSession() async throws {
        let f = try await ServiceFixture()
        let laptop = try await f.service.startSession(for: f.ann, lasting: 3600, userAgent: "Firefox")
        let phone = try await f.service.startSession(for: f.ann, lasting: 3600, userAgent: "Safari")
        try await f.service.endSession(laptop.id, of: f.ann)
        #expect(
            await errorKind { _ = try await f.service.authenticate(userID: f.ann.id, sessionGeneration: f.ann.sessionGeneration, session: laptop.id) }
                == .unauthenticated)
        #expect(try await f.service.authenticate(userID: f.ann.id, sessionGeneration: f.ann.sessionGeneration, session: phone.id).id == f.ann.id)
        // Ending it again, or someone else's session, is refused and changes nothing.
        #expect(await errorKind { try await f.service.endSession(laptop.id, of: f.ann) } == .unauthenticated)
        #expect(await errorKind { try await f.service.endSession(phone.id, of: f.bob) } == .unauthenticated)
        #expect(try await f.service.authenticate(userID: f.ann.id, sessionGeneration: f.ann.sessionGeneration, session: phone.id).id == f.ann.id)
        // A session speaks for its own user only.
        #expect(
            await errorKind { _ = try await f.service.authenticate(userID: f.bob.id, sessionGeneration: f.bob.sessionGeneration, session: phone.id) }
                == .unauthenticated)
    }

    @Test func aDeactivatedUsersOwnUpdateDoesNotLand() async throws {
        let f = try await ServiceFixture()
        let ann = f.ann!
        try await f.service.deactivateUser(ann.id, by: f.admin)
        // The request authenticated before the deactivation committed: its write must not land.
        #expect(await errorKind { _ = try await f.service.updateUser(ann.id, with: .init(name: "Still here"), by: ann) } == .unauthenticated)
        #expect(await f.service.store.user(id: ann.id)?.name == "Ann")
        #expect(await f.service.store.user(id: ann.id)?.isActive == false)
    }

    /// An in-memory service with `throttle`, on `clock`, with Ann registered (`password1`).
    static func serviceWithAnn(throttle: LoginThrottle, clock: TestClock) async throws -> TicketService<InMemoryTicketStore> {
        let service = TicketService(
            store: InMemoryTicketStore(), passwords: PlainPasswordHasher(), selfRegistration: .open, throttle: throttle, now: { clock.now })
        _ = try await service.register(.init(name: "Ann", email: "ann@example.com", password: "password1"))
        return service
    }

    /// Self-registrations count per client address, whatever their outcome: the eleventh from
    /// one address within 15 minutes gets 429 (and creates nothing), another address still
    /// registers, and the first may again once the window has passed.
    @Test func registrationsAreThrottledPerAddress() async throws {
        let clock = TestClock()
        let service = try await Self.serviceWithAnn(throttle: LoginThrottle(), clock: clock)
        func register(_ name: String, from address: String) async -> TicketError.Kind? {
            await errorKind {
                _ = try await service.register(.init(name: name, email: "\(name)@example.com", password: "password1"), clientAddress: address)
            }
        }
        for index in 0..<7 { #expect(await register("guest\(index)", from: "10.0.0.7") == nil) }
        #expect(await register("ann", from: "10.0.0.7") == .conflict)
        #expect(await register("no good", from: "10.0.0.7") == .validation)
        #expect(await register("guest7", from: "10.0.0.7") == nil)
        let users = await service.store.users(page: PageRequest()).totalCount
        #expect(await register("guest8", from: "10.0.0.7") == .tooManyAttempts)
        #expect(await service.store.users(page: PageRequest()).totalCount == users)
        #expect(await register("neighbour", from: "10.0.0.8") == nil)
        clock.advance(by: 15 * 60 + 1)
        #expect(await register("guest8", from: "10.0.0.7") == nil)
    }

    @Test func perAddressLimitCountsFailuresOnly() async throws {
        let clock = TestClock()
        let service = try await Self.serviceWithAnn(throttle: LoginThrottle(maxFailuresPerAddress: 3), clock: clock)
        // Successful logins from the address do not use up its allowance.
        for _ in 0..<5 { _ = try await service.login(email: "ann@example.com", password: "password1", clientAddress: "10.0.0.9") }
        for index in 0..<3 {
            #expect(
                await errorKind { _ = try await service.login(email: "user\(index)@example.com", password: "x", clientAddress: "10.0.0.9") }
                    == .unauthenticated)
        }
        #expect(
            await errorKind { _ = try await service.login(email: "other@example.com", password: "x", clientAddress: "10.0.0.9") } == .tooManyAttempts)
        #expect(
            await errorKind { _ = try await service.login(email: "ann@example.com", password: "password1", clientAddress: "10.0.0.9") }
                == .tooManyAttempts)
        #expect(try await service.login(email: "ann@example.com", password: "password1", clientAddress: "10.0.0.10").email == "ann@example.com")
        clock.advance(by: 15 * 60)
        #expect(try await service.login(email: "ann@example.com", password: "password1", clientAddress: "10.0.0.9").email == "ann@example.com")
    }

    /// Five wrong passwords lock out the address they came from, not the account: the owner
    /// signs in from their own desk. Guessing spread over many addresses still meets the
    /// per-email ceiling (50 by default), which then holds for everyone.
    @Test func lockoutsHoldForTheGuessingAddressOnly() async throws {
        let clock = TestClock()
        let service = try await Self.serviceWithAnn(throttle: LoginThrottle(maxFailuresPerEmail: 12), clock: clock)
        func login(_ password: String, from address: String) async -> TicketError.Kind? {
            await errorKind { _ = try await service.login(email: "ann@example.com", password: password, clientAddress: address) }
        }
        for _ in 0..<5 { #expect(await login("wrong-password", from: "203.0.113.7") == .unauthenticated) }
        #expect(await login("password1", from: "203.0.113.7") == .tooManyAttempts)
        #expect(await login("password1", from: "10.0.0.5") == nil)
        // Spread over addresses: 5 more, then 2 more from two others reach the ceiling of 12.
        for index in 0..<5 { #expect(await login("wrong-password", from: "198.51.100.\(index)") == .unauthenticated) }
        #expect(await login("wrong-password", from: "198.51.100.9") == .unauthenticated)
        #expect(await login("wrong-password", from: "198.51.100.10") == .unauthenticated)
        #expect(await login("password1", from: "10.0.0.5") == .tooManyAttempts)
        clock.advance(by: 15 * 60)
        #expect(await login("password1", from: "10.0.0.5") == nil)
        #expect(await login("password1", from: "203.0.113.7") == nil)
    }

    @Test func aRightPasswordTakesBackOnlyItsOwnAttempt() async throws {
        let f = try await ServiceFixture()
        for _ in 0..<4 { _ = await errorKind { _ = try await f.service.login(email: "bob@example.com", password: "guess-guess") } }
        // The owner logs in meanwhile: the guesses stay counted.
        _ = try await f.service.login(email: "bob@example.com", password: "password1")
        #expect(await errorKind { _ = try await f.service.login(email: "bob@example.com", password: "guess-five") } == .unauthenticated)
        #expect(await errorKind { _ = try await f.service.login(email: "bob@example.com", password: "password1") } == .tooManyAttempts)
    }

    /// A request that authenticated before its caller's session ended (or before a demotion)
    /// holds an old snapshot of the caller: its account writes must not land.
    @Test func writesOfAnEndedOrDemotedSessionDoNotLand() async throws {
        let f = try await ServiceFixture()
        let staleAdmin = f.admin!
        try await f.service.endAllSessions(of: staleAdmin)
        let newAdmin = RegistrationInput(name: "Mole", email: "mole@example.com", password: "password1", role: "admin")
        #expect(await errorKind { _ = try await f.service.register(newAdmin, by: staleAdmin) } == .unauthenticated)
        #expect(await errorKind { _ = try await f.service.updateUser(f.bob.id, with: .init(role: "admin"), by: staleAdmin) } == .unauthenticated)
        #expect(await errorKind { try await f.service.deactivateUser(f.bob.id, by: staleAdmin) } == .unauthenticated)
        #expect(await f.service.store.credentials(email: "mole@example.com") == nil)
        #expect(await f.service.store.user(id: f.bob.id)?.role == .user)
        #expect(await f.service.store.user(id: f.bob.id)?.isActive == true)
        // A second administrator demotes the first: the first's snapshot may no longer manage users.
        let current = try #require(await f.service.store.user(id: staleAdmin.id))
        let second = try await f.service.register(
            .init(name: "Second", email: "second@example.com", password: "password1", role: "admin"), by: current)
        _ = try await f.service.updateUser(current.id, with: .init(role: "user"), by: second)
        #expect(await errorKind { _ = try await f.service.updateUser(f.bob.id, with: .init(name: "Renamed"), by: current) } == .unauthenticated)
        // Nobody changes their own role.
        #expect(await errorKind { _ = try await f.service.updateUser(second.id, with: .init(role: "tech"), by: second) } == .forbidden)
    }
}
