import Foundation
import Testing
import TicketCore

extension Fixture {
    func createdUserIsFetchable() async throws {
        let ann = try await self.user("Ann", role: .tech)
        #expect(ann.id.rawValue > 0)
        #expect(ann.role == .tech)
        #expect(ann.isActive)
        #expect(try await self.store.user(id: ann.id) == ann)
        let credentials = try #require(try await self.store.credentials(email: "ann@example.com"))
        #expect(credentials.user == ann)
        #expect(credentials.passwordHash == "hash-of-Ann")
        #expect(try await self.store.role(named: "admin") == .admin)
        #expect(try await self.store.role(named: "nobody") == nil)
        #expect(try await self.store.user(id: User.ID(999_999)) == nil)
        let bob = try await self.user("Bob")
        #expect(try await self.store.users(ids: [ann.id, bob.id, User.ID(999_999)]) == [ann.id: ann, bob.id: bob])
    }

    func duplicateEmailIsConflictIgnoringCase() async throws {
        _ = try await self.user("Ann")
        await self.expectError(.conflict) {
            _ = try await self.store.createUser(
                NewUser(name: "Other", email: "ANN@example.com", passwordHash: "x", roleName: "user", createdAt: await self.tick())
            )
        }
        let bob = try await self.user("Bob")
        await self.expectError(.conflict) { _ = try await self.store.updateUser(bob.id, changes: UserChanges(email: "ann@example.com")) }
        #expect(try await self.store.user(id: bob.id)?.email == "bob@example.com")
        #expect(try await self.store.users(page: PageRequest()).totalCount == 2)
    }

    func userUpdateKeepsOrReplacesPasswordHash() async throws {
        let ann = try await self.user("Ann")
        let stored = try #require(try await self.store.updateUser(ann.id, changes: UserChanges(name: "Ann Lee", roleName: "admin", isActive: false)))
        #expect(stored.name == "Ann Lee")
        #expect(stored.role == .admin)
        #expect(!stored.isActive)
        #expect(stored.email == ann.email)
        #expect(stored.sessionGeneration == ann.sessionGeneration)
        #expect(try await self.store.credentials(email: "ann@example.com")?.passwordHash == "hash-of-Ann")
        let rehashed = try await self.store.updateUser(ann.id, changes: UserChanges(passwordHash: "new-hash", endsSessions: true))
        #expect(rehashed?.sessionGeneration == ann.sessionGeneration + 1)
        #expect(try await self.store.credentials(email: "ann@example.com")?.passwordHash == "new-hash")
        #expect(try await self.store.user(id: ann.id)?.isActive == false)
        #expect(try await self.store.user(id: ann.id)?.name == "Ann Lee")
        // A change guarded by the deactivated user's own session does not land.
        let annSession = ActingSession(of: stored, managesUsers: false)
        #expect(try await self.store.updateUser(ann.id, changes: UserChanges(name: "Back", actingSession: annSession)) == nil)
        #expect(try await self.store.updateUser(ann.id, changes: UserChanges(actingSession: annSession)) == nil)
        #expect(try await self.store.user(id: ann.id)?.name == "Ann Lee")
        #expect(try await self.store.updateUser(User.ID(999_999), changes: UserChanges(name: "Nobody")) == nil)
    }

    /// A write guarded by a session lands only while that session is valid: its user active,
    /// in the same generation, and allowed to manage users when the write needs it.
    func writesGuardedBySessionsLandOnlyWhileTheyAreValid() async throws {
        let boss = try await self.user("Boss", role: .admin)
        let tess = try await self.user("Tess", role: .tech)
        let bob = try await self.user("Bob")
        let bossSession = ActingSession(of: boss, managesUsers: true)
        #expect(try await self.store.updateUser(bob.id, changes: UserChanges(name: "Bob B", actingSession: bossSession))?.name == "Bob B")
        // A technician may not manage users: a write that needs it does not land.
        #expect(
            try await self.store.updateUser(bob.id, changes: UserChanges(isActive: false, actingSession: ActingSession(of: tess, managesUsers: true)))
                == nil)
        #expect(try await self.store.user(id: bob.id)?.isActive == true)
        // Once Boss's sessions end (or Boss is demoted), writes in their old session do not land.
        _ = try await self.store.updateUser(boss.id, changes: UserChanges(endsSessions: true))
        #expect(try await self.store.updateUser(bob.id, changes: UserChanges(roleName: "admin", actingSession: bossSession)) == nil)
        #expect(try await self.store.user(id: bob.id)?.role == .user)
        await self.expectError(.unauthenticated) {
            _ = try await self.store.createUser(
                NewUser(
                    name: "Mole", email: "mole@example.com", passwordHash: "h", roleName: "admin", createdAt: await self.tick(),
                    actingSession: bossSession)
            )
        }
        #expect(try await self.store.credentials(email: "mole@example.com") == nil)
        let renewed = try #require(try await self.store.user(id: boss.id))
        let created = try await self.store.createUser(
            NewUser(
                name: "Helper", email: "helper@example.com", passwordHash: "h", roleName: "tech", createdAt: await self.tick(),
                actingSession: ActingSession(of: renewed, managesUsers: true)
            )
        )
        #expect(created.role == .tech)
        _ = try await self.store.updateUser(boss.id, changes: UserChanges(roleName: "user"))
        #expect(
            try await self.store.updateUser(
                bob.id, changes: UserChanges(roleName: "tech", actingSession: ActingSession(of: renewed, managesUsers: true))) == nil)
    }

    /// A user's own updates fired in parallel with an administrator's deactivation or demotion
    /// never undo it: each update writes only its own columns.
    func adminDecisionsStandAgainstConcurrentSelfUpdates() async throws {
        let boss = try await self.user("Boss", role: .admin)
        let bossSession = ActingSession(of: boss, managesUsers: true)
        for round in 0..<3 {
            let tess = try await self.user("Tess\(round)", role: .tech)
            let tessSession = ActingSession(of: tess, managesUsers: false)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        _ = try await self.store.updateUser(
                            tess.id,
                            changes: UserChanges(name: "Tess \(index)", passwordHash: "hash-\(index)", actingSession: tessSession)
                        )
                    }
                }
                group.addTask { _ = try await self.store.updateUser(tess.id, changes: UserChanges(roleName: "user", actingSession: bossSession)) }
                group.addTask {
                    _ = try await self.store.updateUser(
                        tess.id, changes: UserChanges(isActive: false, endsSessions: true, actingSession: bossSession))
                }
                try await group.waitForAll()
            }
            let final = try #require(try await self.store.user(id: tess.id))
            #expect(!final.isActive, "round \(round)")
            #expect(final.role == .user, "round \(round)")
            #expect(final.sessionGeneration >= 1, "round \(round)")
        }
    }

    /// Two administrators demoting each other at once: one demotion lands, the other's session
    /// has lost the right by then, so an administrator always remains.
    func administratorsCannotDemoteEachOtherAtOnce() async throws {
        for round in 0..<5 {
            let first = try await self.user("First\(round)", role: .admin)
            let second = try await self.user("Second\(round)", role: .admin)
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for (actor, target) in [(first, second), (second, first)] {
                    group.addTask {
                        let changes = UserChanges(roleName: "user", actingSession: ActingSession(of: actor, managesUsers: true))
                        return try await self.store.updateUser(target.id, changes: changes) != nil
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 1, "round \(round)")
            let roles = [try await self.store.user(id: first.id)?.role, try await self.store.user(id: second.id)?.role]
            #expect(roles.contains(.admin), "round \(round)")
        }
    }

    /// Login attempts are counted atomically: of many reserved at once, exactly `limit` are
    /// granted; a full count refuses until `window` after its last attempt, then starts again.
    func loginAttemptsAreCountedAtomically() async throws {
        let now = await self.tick()
        let window: TimeInterval = 900
        let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: now) == .granted
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 5)
        let refused = try await self.store.reserveLoginAttempt(
            key: "email:ann@example.com", limit: 5, window: window, now: now.addingTimeInterval(60))
        guard case .refused(let retryAt) = refused else {
            Issue.record("a sixth attempt was granted")
            return
        }
        #expect(retryAt.millisecondsSince1970 == now.addingTimeInterval(window).millisecondsSince1970)
        // Another key is counted on its own; a release takes one attempt back.
        #expect(try await self.store.reserveLoginAttempt(key: "email:bob@example.com", limit: 5, window: window, now: now) == .granted)
        try await self.store.releaseLoginAttempt(key: "email:ann@example.com")
        #expect(try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: now) == .granted)
        #expect(try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: now) != .granted)
        // Once the window has passed since the last counted attempt, the count starts again.
        let later = now.addingTimeInterval(window)
        #expect(try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: later) == .granted)
        for _ in 0..<4 { _ = try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: later) }
        #expect(try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: later) != .granted)
        try await self.store.releaseLoginAttempt(key: "email:ann@example.com")
        #expect(try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: later) == .granted)
        #expect(try await self.store.reserveLoginAttempt(key: "email:ann@example.com", limit: 5, window: window, now: later) != .granted)
    }

    func noSettingsAreStored() async throws {
        // A new database holds no secret; removing one that is not there is no error.
        #expect(try await self.store.storedSetting("jwt_secret") == nil)
        try await self.store.removeSetting("jwt_secret")
        try await self.store.ping()
    }
}
