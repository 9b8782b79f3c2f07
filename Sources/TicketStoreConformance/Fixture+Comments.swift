import Testing
import TicketCore

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

extension Fixture {
    /// A thread far longer than a search looks at: 50 comments of 19,000 characters of distinct
    /// words, all within the API's limits. Every write succeeds (a PostgreSQL document holding
    /// the whole thread outgrew the tsvector limit at the 40th), and search covers the first
    /// ``ValidationLimits/searchedCommentText`` characters of the thread, through edits and
    /// deletes.
    func longCommentThreadsStayWritableAndSearchable() async throws {
        let ann = try await self.user("Ann")
        let ticket = try await self.ticket("Archive share is slow", by: ann)
        let other = try await self.ticket("Scanner offline", by: ann)
        var thread: [TicketCore.Comment] = []
        for index in 0..<50 {
            thread.append(try await self.comment(Self.distinctWords(comment: index, characters: 19_000), on: ticket, by: ann))
        }
        _ = try await self.comment("shortthread", on: other, by: ann)

        func search(_ text: String) async throws -> (ids: Set<Ticket.ID>, total: Int) {
            let page = try await self.store.tickets(matching: TicketQuery(text: text))
            return (Set(page.items.map(\.id)), page.totalCount)
        }
        let firstWord = Self.word(comment: 0, index: 5)
        let secondWord = Self.word(comment: 1, index: 5)
        let lateWord = Self.word(comment: 49, index: 5)
        #expect(try await search(firstWord) == ([ticket.id], 1))
        #expect(try await search(secondWord) == ([ticket.id], 1))
        #expect(try await search(lateWord) == ([], 0))
        #expect(try await search("shortthread") == ([other.id], 1))

        // Edits and deletes rebuild the searched part of the thread; the ticket stays writable.
        var first = thread[0]
        first.content = "replacementword"
        first.updatedAt = await self.tick()
        _ = try await self.store.updateComment(first, event: TicketEventDraft(kind: .commentEdited, actorID: ann.id, at: await self.tick()))
        #expect(try await search(firstWord) == ([], 0))
        #expect(try await search("replacementword") == ([ticket.id], 1))
        for comment in thread[1..<4] {
            try await self.store.deleteComment(comment, event: TicketEventDraft(kind: .commentDeleted, actorID: ann.id, at: await self.tick()))
        }
        #expect(try await search(secondWord) == ([], 0))
        #expect(try await search(Self.word(comment: 4, index: 5)) == ([ticket.id], 1))
        _ = try await self.comment("afterwardsword", on: ticket, by: ann)
        try await self.update(ticket, by: ann) { $0.title = "Archive share is very slow" }
        #expect(try await self.store.comments(matching: CommentQuery(ticketID: ticket.id)).totalCount == 48)
        #expect(try await search("afterwardsword") == ([], 0))
        try await self.deleteTicket(ticket.id)
        #expect(try await search(Self.word(comment: 4, index: 5)) == ([], 0))
        #expect(try await search("shortthread") == ([other.id], 1))
    }

    /// Comments written at once on one ticket are all searchable: each write's index update
    /// sees the others.
    func concurrentCommentsAreAllSearchable() async throws {
        let ann = try await self.user("Ann")
        let ticket = try await self.ticket("Shared drive full", by: ann)
        let words = (0..<24).map { Self.word(comment: 60, index: $0) }
        let now = await self.tick()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for word in words {
                group.addTask {
                    _ = try await self.store.createComment(
                        NewComment(ticketID: ticket.id, authorID: ann.id, content: "seen \(word) here", createdAt: now),
                        event: TicketEventDraft(kind: .commented, actorID: ann.id, at: now)
                    )
                }
            }
            try await group.waitForAll()
        }
        for word in words {
            #expect(try await self.store.tickets(matching: TicketQuery(text: word)).items.map(\.id) == [ticket.id], "\(word)")
        }
    }

    /// Comment `comment`'s text: distinct made-up words up to `characters` characters.
    private static func distinctWords(comment: Int, characters: Int) -> String {
        var text = ""
        var index = 0
        while true {
            let word = Self.word(comment: comment, index: index)
            guard text.utf8.count + word.utf8.count + 1 <= characters else { return text }
            text += text.isEmpty ? word : " " + word
            index += 1
        }
    }

    /// A word no stemmer changes and no other (comment, index) pair produces: "zq", then the
    /// comment and index written in consonants.
    private static func word(comment: Int, index: Int) -> String {
        let letters = Array("bcdfghjklmnpqrtvwxz")
        func spelled(_ number: Int, digits: Int) -> String {
            var number = number
            var out = ""
            for _ in 0..<digits {
                out.append(letters[number % letters.count])
                number /= letters.count
            }
            return out
        }
        return "zq" + spelled(comment, digits: 2) + spelled(index, digits: 3)
    }
}
