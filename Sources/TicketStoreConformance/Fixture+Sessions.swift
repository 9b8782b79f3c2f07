import Foundation
import Testing
import TicketCore

extension Fixture {
    /// A session of `user` from `start` (now, by default) lasting an hour.
    func session(of user: User, from start: Date? = nil, lasting duration: TimeInterval = 3600) async throws -> Session {
        let begins: Date
        if let start { begins = start } else { begins = await self.tick() }
        return try await self.store.startSession(NewSession(of: user, createdAt: begins, expiresAt: begins + duration, userAgent: "Tests/1.0"))
    }

    func sessionsEndOneByOne() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let laptop = try await self.session(of: ann)
        let phone = try await self.session(of: ann)
        let bobs = try await self.session(of: bob)
        #expect(laptop.userID == ann.id && laptop.userAgent == "Tests/1.0")
        #expect(Set([laptop.id, phone.id, bobs.id]).count == 3)
        #expect(try await self.store.user(id: ann.id, inSession: laptop.id) == ann)
        // A session speaks for its own user only.
        #expect(try await self.store.user(id: bob.id, inSession: laptop.id) == nil)
        #expect(try await self.store.user(id: ann.id, inSession: bobs.id) == nil)
        // Nobody ends another's session.
        #expect(try await self.store.endSession(laptop.id, of: bob.id) == false)
        #expect(try await self.store.user(id: ann.id, inSession: laptop.id) == ann)
        #expect(try await self.store.endSession(laptop.id, of: ann.id))
        #expect(try await self.store.user(id: ann.id, inSession: laptop.id) == nil)
        #expect(try await self.store.endSession(laptop.id, of: ann.id) == false)
        #expect(try await self.store.user(id: ann.id, inSession: phone.id) == ann)
        #expect(try await self.store.user(id: bob.id, inSession: bobs.id) == bob)
        // The newest session ended: its id is never given to the next (its token would come back).
        let newest = try await self.session(of: ann)
        #expect(try await self.store.endSession(newest.id, of: ann.id))
        let next = try await self.session(of: ann)
        #expect(next.id > newest.id)
        #expect(try await self.store.user(id: ann.id, inSession: newest.id) == nil)
        // A changed user is read as changed in a lasting session.
        _ = try await self.store.updateUser(ann.id, changes: UserChanges(name: "Ann Lee"))
        #expect(try await self.store.user(id: ann.id, inSession: phone.id)?.name == "Ann Lee")
    }

    func sessionsEndAllAtOnceAndOnlyWhileValid() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let sessions = [try await self.session(of: ann), try await self.session(of: ann)]
        let bobs = try await self.session(of: bob)
        let moved = try #require(try await self.store.updateUser(ann.id, changes: UserChanges(endsSessions: true)))
        for session in sessions { #expect(try await self.store.user(id: ann.id, inSession: session.id) == nil) }
        #expect(try await self.store.user(id: bob.id, inSession: bobs.id) == bob)
        // A sign-in checked in the old generation does not land; one in the new does.
        await self.expectError(.unauthenticated) { _ = try await self.session(of: ann) }
        let current = try await self.session(of: moved)
        #expect(try await self.store.user(id: ann.id, inSession: current.id) == moved)
        // Nor does one of a deactivated user.
        let gone = try #require(try await self.store.updateUser(bob.id, changes: UserChanges(isActive: false)))
        await self.expectError(.unauthenticated) { _ = try await self.session(of: gone) }
        // Sign-ins racing "log out everywhere": none checked before it outlasts it.
        let carol = try await self.user("Carol")
        let started = try await withThrowingTaskGroup(of: Session?.self) { group in
            for index in 0..<24 {
                if index == 12 {
                    group.addTask {
                        _ = try await self.store.updateUser(carol.id, changes: UserChanges(endsSessions: true))
                        return nil
                    }
                }
                group.addTask { try? await self.session(of: carol) }
            }
            var started: [Session] = []
            for try await session in group { if let session { started.append(session) } }
            return started
        }
        for session in started { #expect(try await self.store.user(id: carol.id, inSession: session.id) == nil) }
    }

    func expiredAndSurplusSessionsAreRemoved() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let start = await self.tick()
        let brief = try await self.session(of: ann, from: start, lasting: 1)
        #expect(try await self.store.user(id: ann.id, inSession: brief.id) == ann)
        // Any later sign-in removes sessions that have expired, whoever's they are.
        _ = try await self.session(of: bob, from: start + 2)
        #expect(try await self.store.user(id: ann.id, inSession: brief.id) == nil)
        // Beyond the cap, a new sign-in ends the user's oldest.
        var bobs: [Session] = []
        for offset in 0...Session.maximumPerUser {
            bobs.append(try await self.session(of: bob, from: start + 3 + Double(offset)))
        }
        #expect(try await self.store.user(id: bob.id, inSession: bobs[0].id) == nil)
        for session in bobs.dropFirst() { #expect(try await self.store.user(id: bob.id, inSession: session.id) == bob) }
    }
}
