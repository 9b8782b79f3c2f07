import Foundation
import Testing
import TicketCore

extension Fixture {
    /// Every column of a user (with each built-in role), a ticket, a comment and an event, each
    /// set to a value no other column holds, reads back the same through every path that reads
    /// it: a column read from the wrong place (a shifted position, a name of another table in a
    /// join) shows up as a difference here.
    func everyColumnReadsBackThroughEveryPath() async throws {
        let admin = try await self.user("Ada", role: .admin)
        let tech = try await self.user("Tess", role: .tech)
        let staff = try await self.user("Sam", role: .user)
        let people = [admin, tech, staff]
        for (person, role) in zip(people, Role.builtIn) {
            #expect(person.role == role && person.email == "\(person.name.lowercased())@example.com" && person.isActive)
            #expect(try await self.store.role(named: role.name) == role)
            #expect(try await self.store.user(id: person.id) == person)
            let credentials = try #require(try await self.store.credentials(email: person.email))
            #expect(credentials.user == person && credentials.passwordHash == "hash-of-\(person.name)")
            let session = try await self.session(of: person)
            #expect(try await self.store.user(id: person.id, inSession: session.id) == person)
        }
        #expect(try await self.store.users(ids: Set(people.map(\.id))) == Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) }))
        #expect(try await self.store.users(page: PageRequest(limit: 10)).items == people)
        let figures = try await self.store.officeFigures(
            OfficeFiguresRequest(resolvedSince: Date(timeIntervalSince1970: 0), days: UTCDay(number: 0)...UTCDay(number: 0)))
        #expect(figures.ticketManagers == [admin, tech])

        let original = try await self.update(try await self.ticket("Printer jams", by: staff, priority: .high), by: tech) {
            $0.assignedToID = tech.id
            $0.status = .inProgress
            $0.category = "Printers & Scanners"
        }
        let resolvedAt = await self.tick()
        let closedAt = await self.tick()
        let duplicate = try await self.update(try await self.ticket("Printer eats paper", by: admin, priority: .low), by: tech) {
            $0.assignedToID = tech.id
            $0.duplicateOfID = original.id
            $0.status = .closed
            $0.resolvedAt = resolvedAt
            $0.closedAt = closedAt
        }
        // What was written, field by field (the values above are the store's own read-back).
        #expect(original.title == "Printer jams" && original.description == "Something is broken." && original.priority == .high)
        #expect(original.status == .inProgress && original.createdByID == staff.id && original.assignedToID == tech.id)
        #expect(original.duplicateOfID == nil && original.resolvedAt == nil && original.closedAt == nil && original.version == 2)
        #expect(original.category == "Printers & Scanners" && duplicate.category == nil)
        #expect(duplicate.priority == .low && duplicate.status == .closed && duplicate.createdByID == admin.id)
        #expect(duplicate.assignedToID == tech.id && duplicate.duplicateOfID == original.id)
        #expect(duplicate.resolvedAt == resolvedAt && duplicate.closedAt == closedAt)
        #expect(try #require(duplicate.updatedAt) > duplicate.createdAt && duplicate.createdAt > original.createdAt)
        for ticket in [original, duplicate] {
            #expect(try await self.store.ticket(id: ticket.id) == ticket)
        }
        #expect(try await self.store.tickets(ids: [original.id, duplicate.id]) == [original.id: original, duplicate.id: duplicate])
        #expect(try await self.store.tickets(matching: TicketQuery()).items == [duplicate, original])
        #expect(try await self.store.tickets(matching: TicketQuery(visibleTo: admin.id)).items == [duplicate])
        #expect(try await self.store.tickets(matching: TicketQuery(text: "printer")).items == [duplicate, original])
        #expect(try await self.store.ownQueue(of: staff.id, limit: 5).tickets.map(\.ticket) == [original])

        var comment = try await self.comment("Tray 2 again", on: original, by: tech)
        comment.content = "Tray 2, again"
        comment.updatedAt = await self.tick()
        comment = try await self.store.updateComment(comment, event: TicketEventDraft(kind: .commentEdited, actorID: tech.id, at: await self.tick()))
        #expect(comment.content == "Tray 2, again" && comment.ticketID == original.id && comment.authorID == tech.id)
        #expect(try #require(comment.updatedAt) > comment.createdAt)
        #expect(try await self.store.comment(id: comment.id) == comment)
        #expect(try await self.store.comments(matching: CommentQuery(ticketID: original.id)).items == [comment])
        let snapshot = try #require(try await self.store.ticketSnapshot(id: original.id, commentLimit: 5) { _ in true })
        #expect(snapshot.ticket == original && snapshot.comments == [comment] && snapshot.duplicates == [duplicate])
        #expect(snapshot.people == [staff.id: staff, tech.id: tech])

        let history = try await self.store.history(of: duplicate.id, page: PageRequest(limit: 10)).items
        #expect(history.map(\.kind) == [.created, .statusChanged])
        let change = try #require(history.last)
        #expect(change.ticketID == duplicate.id && change.actorID == tech.id && change.at == duplicate.updatedAt)
        #expect(change.from == TicketStatus.incoming.rawValue && change.to == TicketStatus.closed.rawValue)
    }
}
