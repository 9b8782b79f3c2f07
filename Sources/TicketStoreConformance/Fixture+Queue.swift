import Foundation
import Testing
import TicketCore

extension Fixture {
    /// A ticket created at `date` (dates must rise from call to call).
    func ticket(_ title: String, by author: User, priority: TicketPriority, at date: Date) async throws -> Ticket {
        try await self.store.createTicket(
            NewTicket(title: title, description: "Something is broken.", priority: priority, createdByID: author.id, createdAt: date),
            event: TicketEventDraft(kind: .created, actorID: author.id, at: date)
        )
    }

    /// Moves the stored ticket to `status` at `date`, as the service does (``Ticket/settingStatus(_:at:)``).
    @discardableResult
    func move(_ id: Ticket.ID, to status: TicketStatus, at date: Date, by actor: User) async throws -> Ticket {
        let current = try #require(try await self.store.ticket(id: id))
        var updated = current
        updated.settingStatus(status, at: date)
        updated.updatedAt = date
        let event = TicketEventDraft(kind: .statusChanged, actorID: actor.id, at: date, from: current.status.rawValue, to: status.rawValue)
        return try await self.store.updateTicket(updated, expectedVersion: current.version, events: [event])
    }

    /// The store's office-wide figures, counting resolutions since `since` and the days `days`.
    func figures(
        since: Date = Date(timeIntervalSince1970: 0), days: ClosedRange<UTCDay> = UTCDay(number: 0)...UTCDay(number: 0)
    ) async throws -> OfficeFigures {
        try await self.store.officeFigures(OfficeFiguresRequest(resolvedSince: since, days: days))
    }

    /// The store's tally (zero rows left out, rows of one key summed) against a count of the
    /// stored tickets by assignee, status and priority.
    func expectTallyMatchesTickets(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let tickets = try await self.allPages(TicketQuery(page: PageRequest(limit: PageRequest.maximumLimit)))
        var expected: [TicketTally: Int] = [:]
        for ticket in tickets {
            expected[TicketTally(assignee: ticket.assignedToID, status: ticket.status, priority: ticket.priority, count: 0), default: 0] += 1
        }
        var stored: [TicketTally: Int] = [:]
        for var row in try await self.figures().tally where row.count != 0 {
            let count = row.count
            row.count = 0
            stored[row, default: 0] += count
        }
        #expect(stored == expected, sourceLocation: sourceLocation)
    }

    /// Every stored ticket's queue position against ``TicketQueue/position(of:among:)``, and
    /// the active ones numbered 1...n without gaps.
    func expectQueueMatchesDefinition(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let tickets = try await self.allPages(TicketQuery(page: PageRequest(limit: PageRequest.maximumLimit)))
        let stored = try await self.store.queuePositions(of: tickets.map(\.id))
        var expected: [Ticket.ID: Int] = [:]
        for ticket in tickets {
            expected[ticket.id] = TicketQueue.position(of: ticket, among: tickets)
        }
        #expect(stored == expected, sourceLocation: sourceLocation)
        let active = tickets.filter(\.status.isActive).count
        #expect(stored.values.sorted() == Array(0..<active).map { $0 + 1 }, sourceLocation: sourceLocation)
    }

    func queuePositionsFollowEveryChange() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let tess = try await self.user("Tess", role: .tech)
        // Tickets over four days, several per day and priority, so positions need both the
        // per-day counters and the count within a day.
        let day: Double = 86_400
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let priorities: [TicketPriority] = [.medium, .high, .low, .medium, .emergency, .medium, .high, .low, .medium, .high, .medium, .low]
        var tickets: [Ticket] = []
        for (index, priority) in priorities.enumerated() {
            let at = start.addingTimeInterval(Double(index / 3) * day + Double(index % 3) * 3600)
            tickets.append(try await self.ticket("Ticket \(index)", by: index.isMultiple(of: 2) ? ann : bob, priority: priority, at: at))
        }
        // Ties: two tickets created in the same millisecond (ordered by id), one exactly at
        // midnight UTC (the first of its day) and one a millisecond before it (the last of the day before).
        let midnight = UTCDay(containing: start).advanced(by: 4).start
        let lastOfDay = Date(millisecondsSince1970: midnight.millisecondsSince1970 - 1)
        tickets.append(try await self.ticket("Before midnight", by: ann, priority: .medium, at: lastOfDay))
        tickets.append(try await self.ticket("At midnight", by: bob, priority: .medium, at: midnight))
        tickets.append(try await self.ticket("Same time", by: ann, priority: .medium, at: midnight))
        try await self.expectQueueMatchesDefinition()
        let tied = try await self.store.queuePositions(of: tickets.suffix(3).map(\.id))
        #expect(tied.count == 3)
        if let before = tied[tickets[12].id], let first = tied[tickets[13].id], let second = tied[tickets[14].id] {
            #expect(first == before + 1 && second == first + 1)
        }
        #expect(try await self.store.queuePositions(of: [tickets[4].id]) == [tickets[4].id: 1])
        #expect(try await self.store.queuePositions(of: [Ticket.ID(999_999)]).isEmpty)

        // Priority changes, resolutions, a reopening, withdrawals and deletes.
        let later = start.addingTimeInterval(5 * day)
        var raised = tickets[11]
        raised.priority = .emergency
        raised.updatedAt = later
        _ = try await self.store.updateTicket(raised, expectedVersion: raised.version, events: [])
        try await self.expectQueueMatchesDefinition()
        try await self.move(tickets[1].id, to: .resolved, at: later, by: tess)
        try await self.move(tickets[3].id, to: .closed, at: later, by: tess)
        try await self.move(tickets[5].id, to: .onHold, at: later, by: tess)
        try await self.expectQueueMatchesDefinition()
        try await self.move(tickets[1].id, to: .open, at: later.addingTimeInterval(60), by: ann)
        try await self.expectQueueMatchesDefinition()
        try await self.deleteTicket(tickets[4].id)
        try await self.deleteTicket(tickets[0].id)
        try await self.expectQueueMatchesDefinition()
        let newest = try await self.ticket("Newest", by: ann, priority: .high, at: later.addingTimeInterval(120))
        try await self.expectQueueMatchesDefinition()
        // Later blocks of 32 days: positions sum whole blocks before a ticket's own.
        for (offset, priority) in [(40, TicketPriority.medium), (75, .high), (75.5, .medium), (140, .low)] {
            _ = try await self.ticket("Block \(offset)", by: bob, priority: priority, at: start.addingTimeInterval(offset * day))
        }
        try await self.expectQueueMatchesDefinition()
        #expect(try await self.store.queuePositions(of: [tickets[3].id]).isEmpty, "closed tickets have no position")

        // Ann's own active tickets, in queue order, cut to the limit but counted in full.
        let all = try await self.allPages(TicketQuery())
        let annsQueue = all.filter { $0.createdByID == ann.id && $0.status.isActive }.sorted(by: TicketQueue.precedes)
        let own = try await self.store.ownQueue(of: ann.id, limit: 3)
        #expect(own.tickets.map(\.ticket) == Array(annsQueue.prefix(3)))
        #expect(own.tickets.map(\.queuePosition) == annsQueue.prefix(3).map { TicketQueue.position(of: $0, among: all) })
        #expect(own.total == annsQueue.count)
        #expect(annsQueue.contains { $0.id == newest.id })
        let tessQueue = try await self.store.ownQueue(of: tess.id, limit: 3)
        #expect(tessQueue.total == 0 && tessQueue.tickets.isEmpty)
    }

    func officeCountsFollowEveryChange() async throws {
        let ann = try await self.user("Ann")
        let tess = try await self.user("Tess", role: .tech)
        let tom = try await self.user("Tom", role: .tech)
        let admin = try await self.user("Ada", role: .admin)
        let first = try await self.ticket("Printer", by: ann, priority: .high)
        let second = try await self.ticket("VPN", by: ann, priority: .low)
        _ = try await self.ticket("Email", by: tess, priority: .emergency)
        try await self.expectTallyMatchesTickets()
        try await self.update(first, by: tess) {
            $0.assignedToID = tess.id
            $0.status = .inProgress
        }
        try await self.update(second, by: tess) { $0.assignedToID = tom.id }
        try await self.expectTallyMatchesTickets()
        let reassigned = try #require(try await self.store.ticket(id: first.id))
        try await self.update(reassigned, by: tess) { $0.assignedToID = tom.id }
        try await self.move(second.id, to: .resolved, at: await self.tick(), by: tom)
        try await self.expectTallyMatchesTickets()
        try await self.deleteTicket(first.id)
        try await self.expectTallyMatchesTickets()

        #expect(try await self.figures().ticketManagers.map(\.id) == [tess.id, tom.id, admin.id])
        _ = try await self.store.updateUser(tom.id, changes: UserChanges(isActive: false))
        #expect(try await self.figures().ticketManagers.map(\.id) == [tess.id, admin.id])
        _ = try await self.store.updateUser(ann.id, changes: UserChanges(roleName: "tech"))
        #expect(try await self.figures().ticketManagers.map(\.id) == [ann.id, tess.id, admin.id])
    }

    func resolutionsAndDailyCountsFollowStatusMoves() async throws {
        let ann = try await self.user("Ann")
        let tess = try await self.user("Tess", role: .tech)
        let hour: Double = 3600
        // Day 0 is 2026-09-22 (day 20,718); tickets on days 0 and 1, resolutions on days 1 to 3.
        let dayZero = UTCDay(number: 20_718)
        func at(_ hours: Double) -> Date { dayZero.start.addingTimeInterval(hours * hour) }
        let a = try await self.ticket("A", by: ann, priority: .low, at: at(1))
        let b = try await self.ticket("B", by: ann, priority: .low, at: at(2))
        let c = try await self.ticket("C", by: ann, priority: .high, at: at(3))
        let d = try await self.ticket("D", by: ann, priority: .high, at: at(30))
        let resolvedA = try await self.move(a.id, to: .resolved, at: at(11), by: tess)  // 10 h
        #expect(resolvedA.resolvedAt == at(11))
        #expect(resolvedA.closedAt == nil)
        try await self.move(b.id, to: .resolved, at: at(50), by: tess)  // 48 h
        try await self.move(c.id, to: .resolved, at: at(75), by: tess)  // 72 h
        let closedC = try await self.move(c.id, to: .closed, at: at(80), by: tess)
        #expect(closedC.resolvedAt == at(75), "closing a resolved ticket keeps when it was resolved")
        #expect(closedC.closedAt == at(80))
        let withdrawn = try await self.move(d.id, to: .closed, at: at(31), by: ann)
        #expect(withdrawn.resolvedAt == nil && withdrawn.closedAt == at(31))
        #expect(try await self.store.ticket(id: c.id) == closedC)

        #expect(try await self.figures(since: at(0)).resolutionTimes.sorted() == [10 * hour, 48 * hour, 72 * hour])
        #expect(try await self.figures(since: at(11)).resolutionTimes.sorted() == [10 * hour, 48 * hour, 72 * hour], "since is inclusive")
        #expect(try await self.figures(since: at(12)).resolutionTimes.sorted() == [48 * hour, 72 * hour])

        func days() async throws -> [TrendDay] {
            try await self.figures(days: dayZero.advanced(by: -1)...dayZero.advanced(by: 4)).days.filter { $0.created != 0 || $0.resolved != 0 }
        }
        #expect(
            try await days() == [
                TrendDay(day: dayZero, created: 3, resolved: 1), TrendDay(day: dayZero.advanced(by: 1), created: 1, resolved: 0),
                TrendDay(day: dayZero.advanced(by: 2), created: 0, resolved: 1), TrendDay(day: dayZero.advanced(by: 3), created: 0, resolved: 1),
            ]
        )
        #expect(
            try await self.figures(days: dayZero.advanced(by: 10)...dayZero.advanced(by: 12)).days.allSatisfy { $0.created == 0 && $0.resolved == 0 })

        // Reopening clears both stamps; a deleted ticket leaves the counts.
        let reopened = try await self.move(b.id, to: .open, at: at(60), by: ann)
        #expect(reopened.resolvedAt == nil && reopened.closedAt == nil)
        try await self.deleteTicket(c.id)
        #expect(try await self.figures(since: at(0)).resolutionTimes == [10 * hour])
        #expect(
            try await days() == [TrendDay(day: dayZero, created: 2, resolved: 1), TrendDay(day: dayZero.advanced(by: 1), created: 1, resolved: 0)])
    }
}

extension Fixture {
    /// Many writers at once (creates, status and priority moves, deletes) leave every counter
    /// exact: the tally, the queue positions and the per-day counts agree with the tickets.
    func countersStayExactUnderConcurrentWrites() async throws {
        let ann = try await self.user("Ann")
        let tess = try await self.user("Tess", role: .tech)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var created: [Ticket] = []
        for index in 0..<24 {
            let priority = TicketPriority.allCases[index % 4]
            created.append(try await self.ticket("Seed \(index)", by: ann, priority: priority, at: start.addingTimeInterval(Double(index) * 20_000)))
        }
        let seeded = created
        let later = start.addingTimeInterval(30 * 86_400)
        let statuses: [TicketStatus] = [.open, .resolved, .closed, .inProgress, .resolved, .onHold]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<32 {
                group.addTask {
                    let id = seeded[worker % seeded.count].id
                    for step in 0..<3 {
                        let at = later.addingTimeInterval(Double(worker * 10 + step) * 3_600)
                        for _ in 0..<20 {
                            guard var ticket = try await self.store.ticket(id: id) else { return }
                            let version = ticket.version
                            ticket.settingStatus(statuses[(worker + step) % statuses.count], at: at)
                            if step == 1 { ticket.priority = TicketPriority.allCases[(worker + step) % 4] }
                            ticket.updatedAt = at
                            do {
                                _ = try await self.store.updateTicket(ticket, expectedVersion: version, events: [])
                                break
                            } catch let error as TicketError where error.kind == .staleVersion {
                                continue
                            } catch let error as TicketError where error.kind == .notFound {
                                return  // deleted by another worker meanwhile
                            }
                        }
                    }
                    if worker % 8 == 0 {
                        try? await self.deleteTicket(seeded[(worker + 5) % seeded.count].id)
                    }
                }
            }
            for extra in 0..<8 {
                group.addTask {
                    let now = Date()
                    _ = try await self.store.createTicket(
                        NewTicket(title: "Extra \(extra)", description: "More", priority: .high, createdByID: tess.id, createdAt: now),
                        event: TicketEventDraft(kind: .created, actorID: tess.id, at: now)
                    )
                }
            }
            try await group.waitForAll()
        }
        try await self.expectQueueMatchesDefinition()
        let tickets = try await self.allPages(TicketQuery(page: PageRequest(limit: PageRequest.maximumLimit)))
        var expectedDays: [UTCDay: TrendDay] = [:]
        for ticket in tickets {
            let created = UTCDay(containing: ticket.createdAt)
            expectedDays[created, default: TrendDay(day: created, created: 0, resolved: 0)].created += 1
            if let resolvedAt = ticket.resolvedAt {
                let resolved = UTCDay(containing: resolvedAt)
                expectedDays[resolved, default: TrendDay(day: resolved, created: 0, resolved: 0)].resolved += 1
            }
        }
        try await self.expectTallyMatchesTickets()
        let first = try #require(expectedDays.keys.min())
        let last = try #require(expectedDays.keys.max())
        let snapshot = try await self.figures(since: start, days: first...last)
        #expect(snapshot.days.filter { $0.created != 0 || $0.resolved != 0 } == expectedDays.values.sorted { $0.day < $1.day })
        #expect(snapshot.resolutionTimes.count == tickets.count { $0.resolvedAt != nil })
    }
}
