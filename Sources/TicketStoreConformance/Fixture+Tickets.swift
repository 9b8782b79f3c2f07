import Testing
import TicketCore

extension Fixture {
    func createdTicketStartsIncomingWithHistory() async throws {
        let ann = try await self.user("Ann")
        let ticket = try await self.ticket("Printer jams", by: ann, priority: .high)
        #expect(ticket.status == .incoming)
        #expect(ticket.priority == .high)
        #expect(ticket.version == 1)
        #expect(ticket.updatedAt == nil)
        #expect(ticket.assignedToID == nil)
        #expect(ticket.createdByID == ann.id)
        #expect(try await self.store.ticket(id: ticket.id) == ticket)
        #expect(try await self.store.tickets(ids: [ticket.id]) == [ticket.id: ticket])
        let history = try await self.store.history(of: ticket.id, page: PageRequest())
        #expect(history.items.map(\.kind) == [.created])
        #expect(history.items.first?.actorID == ann.id)
        #expect(history.totalCount == 1)
    }

    func updateBumpsVersionAndWritesEvents() async throws {
        let ann = try await self.user("Ann")
        let tech = try await self.user("Tess", role: .tech)
        let original = try await self.ticket("VPN drops", by: ann)
        let duplicate = try await self.ticket("VPN disconnects", by: ann)
        var changed = duplicate
        changed.title = "VPN disconnects often"
        changed.status = .closed
        changed.assignedToID = tech.id
        changed.duplicateOfID = original.id
        changed.priority = .emergency
        let now = await self.tick()
        changed.updatedAt = now
        let events = [
            TicketEventDraft(kind: .titleChanged, actorID: tech.id, at: now, from: duplicate.title, to: changed.title),
            TicketEventDraft(kind: .assigned, actorID: tech.id, at: now, to: tech.id.description),
        ]
        let stored = try await self.store.updateTicket(changed, expectedVersion: 1, events: events)
        var expected = changed
        expected.version = 2
        #expect(stored == expected)
        #expect(try await self.store.ticket(id: duplicate.id) == expected)
        let history = try await self.store.history(of: duplicate.id, page: PageRequest())
        #expect(history.items.map(\.kind) == [.created, .titleChanged, .assigned])
        #expect(history.items[1].from == "VPN disconnects")
        #expect(history.items[1].to == "VPN disconnects often")
        #expect(history.items[1].at == now)
    }

    func ticketSnapshotHoldsWhatTheSeparateReadsSay() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let tech = try await self.user("Tess", role: .tech)
        #expect(try await self.store.ticketSnapshot(id: Ticket.ID(999), commentLimit: 10) { _ in true } == nil)
        _ = try await self.ticket("Ahead in the queue", by: bob, priority: .high)
        let original = try await self.update(try await self.ticket("VPN drops", by: ann), by: tech) { $0.assignedToID = tech.id }
        let duplicate = try await self.update(try await self.ticket("VPN gone", by: bob), by: tech) {
            $0.duplicateOfID = original.id
            $0.status = .closed
        }
        var first = try await self.comment("Since Monday", on: original, by: ann)
        first.content = "Since Monday, 9am"
        first.updatedAt = await self.tick()
        first = try await self.store.updateComment(first, event: TicketEventDraft(kind: .commentEdited, actorID: ann.id, at: await self.tick()))
        let second = try await self.comment("Looking \"into it\" \\ é 🚀\n<b>", on: original, by: tech)
        _ = try await self.comment("Me too", on: original, by: bob)

        let snapshot = try #require(try await self.store.ticketSnapshot(id: original.id, commentLimit: 2) { _ in true })
        #expect(snapshot.ticket == original)
        #expect(snapshot.comments == [first, second])
        #expect(snapshot.people == [ann.id: ann, tech.id: tech])
        #expect(snapshot.duplicates == [duplicate])
        #expect(snapshot.queuePosition == 2)
        #expect(snapshot.queuePosition == (try await self.store.queuePositions(of: [original.id]))[original.id])

        // A reader who may not see the ticket gets the ticket alone.
        let hidden = try #require(try await self.store.ticketSnapshot(id: original.id, commentLimit: 2) { $0.id != original.id })
        #expect(hidden == TicketSnapshot(ticketOnly: original))

        let closed = try #require(try await self.store.ticketSnapshot(id: duplicate.id, commentLimit: 10) { _ in true })
        #expect(closed.ticket == duplicate)
        #expect(closed.comments.isEmpty && closed.duplicates.isEmpty)
        #expect(closed.people == [bob.id: bob])
        #expect(closed.queuePosition == nil)
    }

    func staleUpdateIsRejectedAndWritesNothing() async throws {
        let ann = try await self.user("Ann")
        let ticket = try await self.ticket("Laptop slow", by: ann)
        let current = try await self.update(ticket, by: ann) { $0.status = .closed }
        #expect(current.version == 2)
        var stale = ticket
        stale.title = "Overwritten"
        await self.expectError(.staleVersion) {
            _ = try await self.store.updateTicket(
                stale, expectedVersion: 1, events: [TicketEventDraft(kind: .titleChanged, actorID: ann.id, at: await self.tick())]
            )
        }
        #expect(try await self.store.ticket(id: ticket.id) == current)
        #expect(try await self.store.history(of: ticket.id, page: PageRequest()).totalCount == 2)
        var missing = ticket
        missing.id = Ticket.ID(999_999)
        await self.expectError(.notFound) { _ = try await self.store.updateTicket(missing, expectedVersion: 1, events: []) }
    }

    func deletingTicketRemovesCommentsAndHistory() async throws {
        let ann = try await self.user("Ann")
        let doomed = try await self.ticket("Delete me", by: ann)
        let kept = try await self.ticket("Keep me", by: ann)
        let gone = try await self.comment("on doomed", on: doomed, by: ann)
        let stays = try await self.comment("on kept", on: kept, by: ann)
        try await self.deleteTicket(doomed.id)
        #expect(try await self.store.ticket(id: doomed.id) == nil)
        #expect(try await self.store.comment(id: gone.id) == nil)
        #expect(try await self.store.history(of: doomed.id, page: PageRequest()).totalCount == 0)
        #expect(try await self.store.comment(id: stays.id) == stays)
        #expect(try await self.store.history(of: kept.id, page: PageRequest()).totalCount == 2)
        await self.expectError(.notFound) { try await self.deleteTicket(doomed.id) }
        #expect(try await self.store.user(id: ann.id) == ann)
    }

    /// A delete allowed for one version does not land on a later one (a creator's delete of
    /// an `incoming` ticket that a technician has just opened).
    func staleDeletesChangeNothing() async throws {
        let ann = try await self.user("Ann")
        let ticket = try await self.ticket("Delete me while incoming", by: ann)
        let moved = try await self.update(ticket, by: ann) { $0.status = .open }
        await self.expectError(.staleVersion) { try await self.store.deleteTicket(id: ticket.id, expectedVersion: ticket.version) }
        #expect(try await self.store.ticket(id: ticket.id) == moved)
        try await self.store.deleteTicket(id: ticket.id, expectedVersion: moved.version)
        #expect(try await self.store.ticket(id: ticket.id) == nil)
    }

    /// A duplicate mark that would lead back to the ticket is refused by the store itself, and
    /// marks made in parallel (A -> B and B -> A, many times) never close a cycle.
    func duplicateMarksNeverMakeCycles() async throws {
        let ann = try await self.user("Ann")
        let a = try await self.ticket("Printer A", by: ann)
        let b = try await self.ticket("Printer B", by: ann)
        let c = try await self.ticket("Printer C", by: ann)
        let bToC = try await self.update(b, by: ann) { $0.duplicateOfID = c.id }
        _ = try await self.update(a, by: ann) { $0.duplicateOfID = b.id }
        let current = try #require(try await self.store.ticket(id: c.id))
        await self.expectError(.validation) { _ = try await self.update(current, by: ann) { $0.duplicateOfID = a.id } }
        // Editing a ticket that stays a duplicate of the same one is no new mark.
        _ = try await self.update(bToC, by: ann) { $0.title = "Printer B, again" }
        for round in 0..<20 {
            let x = try await self.ticket("Race \(round) x", by: ann)
            let y = try await self.ticket("Race \(round) y", by: ann)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for (from, to) in [(x, y), (y, x)] {
                    group.addTask { (try? await self.update(from, by: ann) { $0.duplicateOfID = to.id }) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "round \(round): \(outcomes)")
            let marks = [try await self.store.ticket(id: x.id)?.duplicateOfID, try await self.store.ticket(id: y.id)?.duplicateOfID]
            #expect(marks.compactMap { $0 }.count == 1, "round \(round)")
        }
    }

    func concurrentCreatesGetDistinctIDs() async throws {
        let ann = try await self.user("Ann")
        let ids = try await withThrowingTaskGroup(of: Ticket.ID.self) { group in
            for index in 0..<30 {
                group.addTask { try await self.ticket("Concurrent \(index)", by: ann).id }
            }
            var ids: [Ticket.ID] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        #expect(Set(ids).count == 30)
        let all = try await self.allPages(TicketQuery(page: PageRequest(limit: 7)))
        #expect(Set(all.map(\.id)) == Set(ids))
    }

    /// A list read while tickets are being created shows one moment: the page and its total
    /// count agree, and nothing is seen twice, however the writes fall between its statements.
    /// (This needs a store whose reads really run beside its writes, as SQLite's WAL pool does.)
    func listsReadOneMomentWhileWritersRun() async throws {
        let ann = try await self.user("Ann")
        let writes = 60
        let inconsistent = try await withThrowingTaskGroup(of: [String].self) { group in
            for writer in 0..<3 {
                group.addTask {
                    for index in 0..<(writes / 3) { _ = try await self.ticket("Writer \(writer) ticket \(index)", by: ann) }
                    return []
                }
            }
            for _ in 0..<2 {
                group.addTask {
                    var found: [String] = []
                    var last = 0
                    while last < writes {
                        let page = try await self.store.tickets(matching: TicketQuery(page: PageRequest(limit: 200)))
                        if page.items.count != page.totalCount || Set(page.items.map(\.id)).count != page.items.count {
                            found.append("\(page.items.count) tickets listed, \(page.totalCount) counted")
                        }
                        last = page.totalCount
                        await Task.yield()
                    }
                    return found
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(inconsistent.isEmpty, "\(inconsistent.prefix(5))")
    }

    func bulkLoadKeepsEveryFieldWithHistory() async throws {
        let bulkStore = try #require(self.store as? any BulkTicketLoading, "every store supports bulk loading")
        let ann = try await self.user("Ann")
        let tech = try await self.user("Tess", role: .tech)
        let first = await self.tick()
        let later = await self.tick()
        let batch = [
            BulkTicket(
                title: "Printer jams", description: "Floor 2", priority: .high, status: .inProgress, createdByID: ann.id,
                assignedToID: tech.id, createdAt: first, updatedAt: later,
                comments: [
                    BulkComment(authorID: tech.id, content: "On it", createdAt: later),
                    BulkComment(authorID: ann.id, content: "Thanks", createdAt: later),
                ]
            ),
            BulkTicket(
                title: "VPN drops", description: "At home", priority: .low, status: .incoming, createdByID: ann.id,
                assignedToID: nil, createdAt: later, updatedAt: nil, comments: []
            ),
            BulkTicket(
                title: "Old scanner", description: "Fixed", priority: .low, status: .closed, createdByID: ann.id,
                assignedToID: tech.id, createdAt: later, updatedAt: later, resolvedAt: later, closedAt: later, comments: []
            ),
        ]
        try await bulkStore.bulkLoad(batch)
        try await bulkStore.bulkLoad([])
        let tickets = try await self.allPages(TicketQuery(sort: TicketSort(field: .createdAt, descending: false)))
        #expect(tickets.map(\.title) == ["Printer jams", "VPN drops", "Old scanner"])
        #expect(tickets[2].resolvedAt == later && tickets[2].closedAt == later)
        #expect(tickets[0].resolvedAt == nil && tickets[0].closedAt == nil)
        let day = UTCDay(containing: later)
        let figures = try await self.store.officeFigures(OfficeFiguresRequest(resolvedSince: first, days: day...day))
        #expect(figures.resolutionTimes == [0])
        #expect(figures.days.first?.resolved == 1)
        #expect(try await self.store.ownQueue(of: ann.id, limit: 5).tickets.map(\.ticket.title) == ["Printer jams", "VPN drops"])
        let printer = tickets[0]
        #expect(printer.status == .inProgress)
        #expect(printer.priority == .high)
        #expect(printer.assignedToID == tech.id)
        #expect(printer.createdAt == first)
        #expect(printer.updatedAt == later)
        #expect(printer.version == 1)
        #expect(tickets[1].assignedToID == nil)
        #expect(tickets[1].updatedAt == nil)
        let comments = try await self.store.comments(matching: CommentQuery(ticketID: printer.id))
        #expect(comments.items.map(\.content) == ["On it", "Thanks"])
        let history = try await self.store.history(of: printer.id, page: PageRequest()).items.map(\.kind)
        #expect(history == [.created, .commented, .commented])
        #expect(try await self.store.history(of: tickets[1].id, page: PageRequest()).items.map(\.kind) == [.created])
        #expect(try await self.store.tickets(matching: TicketQuery(text: "vpn")).items.map(\.id) == [tickets[1].id])
        // Bulk-loaded comments are searchable and counted like any other.
        let thanked = try await self.store.tickets(matching: TicketQuery(text: "thanks"))
        #expect(thanked.items.map(\.id) == [printer.id])
        #expect(thanked.totalCount == 1)
        #expect(try await self.store.tickets(matching: TicketQuery(text: "vpn")).totalCount == 1)
    }
}
