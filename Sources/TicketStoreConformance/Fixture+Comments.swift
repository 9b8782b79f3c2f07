import TicketCore
import Testing

extension Fixture {
    func commentLifecycleRecordsEvents() async throws {
        let ann = try await self.user("Ann")
        let ticket = try await self.ticket("Monitor flickers", by: ann)
        var comment = try await self.comment("It flickers at noon", on: ticket, by: ann)
        #expect(comment.ticketID == ticket.id)
        #expect(comment.authorID == ann.id)
        #expect(comment.updatedAt == nil)
        #expect(try await self.store.comment(id: comment.id) == comment)

        comment.content = "It flickers all day"
        comment.updatedAt = await self.tick()
        let edited = try await self.store.updateComment(
            comment, event: TicketEventDraft(kind: .commentEdited, actorID: ann.id, at: await self.tick())
        )
        #expect(edited == comment)
        try await self.store.deleteComment(
            comment, event: TicketEventDraft(kind: .commentDeleted, actorID: ann.id, at: await self.tick())
        )
        #expect(try await self.store.comment(id: comment.id) == nil)
        let kinds = try await self.store.history(of: ticket.id, page: PageRequest()).items.map(\.kind)
        #expect(kinds == [.created, .commented, .commentEdited, .commentDeleted])
        await self.expectError(.notFound) {
            try await self.store.deleteComment(comment, event: TicketEventDraft(kind: .commentDeleted, actorID: ann.id, at: await self.tick()))
        }
    }

    func commentListsRespectVisibility() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let tech = try await self.user("Tess", role: .tech)
        let annTicket = try await self.ticket("Ann's", by: ann)
        var bobTicket = try await self.ticket("Bob's", by: bob)
        bobTicket = try await self.update(bobTicket, by: tech) { $0.assignedToID = tech.id }
        let c1 = try await self.comment("one", on: annTicket, by: ann)
        let c2 = try await self.comment("two", on: bobTicket, by: bob)
        let c3 = try await self.comment("three", on: bobTicket, by: tech)
        let c4 = try await self.comment("four", on: annTicket, by: tech)

        let all = try await self.store.comments(matching: CommentQuery())
        #expect(all.items.map(\.id) == [c1.id, c2.id, c3.id, c4.id])
        #expect(all.totalCount == 4)
        #expect(try await self.store.comments(matching: CommentQuery(visibleTo: ann.id)).items.map(\.id) == [c1.id, c4.id])
        #expect(try await self.store.comments(matching: CommentQuery(visibleTo: tech.id)).items.map(\.id) == [c2.id, c3.id])
        #expect(try await self.store.comments(matching: CommentQuery(ticketID: bobTicket.id)).items.map(\.id) == [c2.id, c3.id])
        #expect(try await self.store.comments(matching: CommentQuery(authorID: tech.id)).items.map(\.id) == [c3.id, c4.id])

        let first = try await self.store.comments(matching: CommentQuery(page: PageRequest(limit: 3)))
        #expect(first.items.map(\.id) == [c1.id, c2.id, c3.id])
        let next = try #require(first.next)
        let second = try await self.store.comments(matching: CommentQuery(page: PageRequest(limit: 3, after: next)))
        #expect(second.items.map(\.id) == [c4.id])
        #expect(second.next == nil)
    }
}
