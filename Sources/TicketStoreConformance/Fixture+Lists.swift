import Testing
import TicketCore

extension Fixture {
    func ticketFiltersMatchExactly() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let tech = try await self.user("Tess", role: .tech)
        let a1 = try await self.ticket("a1", by: ann, priority: .low)
        var a2 = try await self.ticket("a2", by: ann, priority: .high)
        a2 = try await self.update(a2, by: tech) {
            $0.status = .open; $0.assignedToID = tech.id
        }
        var b1 = try await self.ticket("b1", by: bob, priority: .high)
        b1 = try await self.update(b1, by: tech) { $0.status = .closed }
        var b2 = try await self.ticket("b2", by: bob, priority: .emergency)
        b2 = try await self.update(b2, by: tech) { $0.assignedToID = ann.id }

        func ids(_ query: TicketQuery) async throws -> Set<Ticket.ID> {
            Set(try await self.allPages(query).map(\.id))
        }
        #expect(try await ids(TicketQuery()) == [a1.id, a2.id, b1.id, b2.id])
        #expect(try await ids(TicketQuery(visibleTo: ann.id)) == [a1.id, a2.id, b2.id])
        #expect(try await ids(TicketQuery(visibleTo: tech.id)) == [a2.id])
        #expect(try await ids(TicketQuery(statuses: [.incoming])) == [a1.id, b2.id])
        #expect(try await ids(TicketQuery(statuses: [.open, .closed])) == [a2.id, b1.id])
        #expect(try await ids(TicketQuery(priorities: [.high])) == [a2.id, b1.id])
        #expect(try await ids(TicketQuery(assignee: .unassigned)) == [a1.id, b1.id])
        #expect(try await ids(TicketQuery(assignee: .user(tech.id))) == [a2.id])
        #expect(try await ids(TicketQuery(createdBy: bob.id)) == [b1.id, b2.id])
        #expect(try await ids(TicketQuery(visibleTo: ann.id, priorities: [.high, .emergency], createdBy: bob.id)) == [b2.id])
        let counted = try await self.store.tickets(matching: TicketQuery(visibleTo: ann.id, page: PageRequest(limit: 1)))
        #expect(counted.items.count == 1)
        #expect(counted.totalCount == 3)
    }

    func paginationVisitsEveryTicketOnceInEverySort() async throws {
        let ann = try await self.user("Ann")
        var tickets: [Ticket] = []
        let priorities: [TicketPriority] = [.low, .high, .medium, .emergency, .high, .low, .medium]
        for index in 0..<23 {
            tickets.append(try await self.ticket("Ticket \(index)", by: ann, priority: priorities[index % priorities.count]))
        }
        // Touch a few so updated_at order differs from created_at order.
        for index in [3, 11, 0] {
            tickets[index] = try await self.update(tickets[index], by: ann) { $0.status = .open }
        }
        for field in TicketSort.Field.allCases {
            for descending in [false, true] {
                let sort = TicketSort(field: field, descending: descending)
                let walked = try await self.allPages(TicketQuery(sort: sort, page: PageRequest(limit: 4)))
                let expected = tickets.sorted { lhs, rhs in
                    let left = (sort.key(for: lhs), lhs.id.rawValue)
                    let right = (sort.key(for: rhs), rhs.id.rawValue)
                    return descending ? left > right : left < right
                }
                #expect(walked.map(\.id) == expected.map(\.id), "sort \(sort.name)")
            }
        }
        let first = try await self.store.tickets(matching: TicketQuery(page: PageRequest(limit: 23)))
        #expect(first.items.count == 23)
        #expect(first.next == nil)
    }

    func textSearchFindsWordsInComments() async throws {
        let ann = try await self.user("Ann")
        let printer = try await self.ticket("Printer jams", by: ann, description: "Paper gets stuck in tray two.")
        let vpn = try await self.ticket("VPN drops", by: ann, description: "Disconnects every ten minutes.")
        _ = try await self.ticket("Mouse broken", by: ann, description: "The left button does nothing.")
        var comment = try await self.comment("Happens only with the Cisco client", on: vpn, by: ann)

        func search(_ text: String, visibleTo: User.ID? = nil) async throws -> Set<Ticket.ID> {
            Set(try await self.allPages(TicketQuery(visibleTo: visibleTo, text: text)).map(\.id))
        }
        #expect(try await search("printer") == [printer.id])
        #expect(try await search("PAPER stuck") == [printer.id])
        #expect(try await search("printers jammed") == [printer.id])
        #expect(try await search("cisco") == [vpn.id])
        #expect(try await search("keyboard") == [])
        let bob = try await self.user("Bob")
        #expect(try await search("cisco", visibleTo: bob.id) == [])

        // The index follows edits of tickets and comments, and deleted comments.
        comment.content = "Happens only with the AnyConnect client"
        comment.updatedAt = await self.tick()
        comment = try await self.store.updateComment(comment, event: TicketEventDraft(kind: .commentEdited, actorID: ann.id, at: await self.tick()))
        #expect(try await search("cisco") == [])
        #expect(try await search("anyconnect") == [vpn.id])
        try await self.store.deleteComment(comment, event: TicketEventDraft(kind: .commentDeleted, actorID: ann.id, at: await self.tick()))
        #expect(try await search("anyconnect") == [])
        #expect(try await search("disconnects") == [vpn.id])
        try await self.update(vpn, by: ann) { $0.title = "Tunnel drops" }
        #expect(try await search("tunnel") == [vpn.id])
        #expect(try await search("vpn") == [])
        // Counts follow the same changes, for one word and for several.
        func count(_ text: String) async throws -> Int {
            try await self.store.tickets(matching: TicketQuery(text: text, page: PageRequest(limit: 1))).totalCount
        }
        #expect(try await count("tunnel") == 1)
        #expect(try await count("vpn") == 0)
        #expect(try await count("cisco") == 0)
        #expect(try await count("anyconnect") == 0)
        #expect(try await count("tunnels") == 1)
        #expect(try await count("tunnel disconnects") == 1)
        let mouse = try #require(try await self.allPages(TicketQuery(text: "mouse")).first)
        _ = try await self.comment("The tunnel is fine here", on: mouse, by: ann)
        #expect(try await count("tunnel") == 2)
        try await self.deleteTicket(mouse.id)
        #expect(try await count("tunnel") == 1)
        #expect(try await count("mouse") == 0)

        // Searches page like any list, in every sort, with filters and counts.
        var printers = [printer]
        for index in 0..<5 {
            printers.append(try await self.ticket("Printer \(index) offline", by: index.isMultiple(of: 2) ? ann : bob, priority: .high))
        }
        for sort in [TicketSort.default, TicketSort(field: .createdAt, descending: false), TicketSort(field: .priority, descending: true)] {
            let walked = try await self.allPages(TicketQuery(text: "printer", sort: sort, page: PageRequest(limit: 2)))
            let expected = printers.sorted { lhs, rhs in
                let left = (sort.key(for: lhs), lhs.id.rawValue)
                let right = (sort.key(for: rhs), rhs.id.rawValue)
                return sort.descending ? left > right : left < right
            }
            #expect(walked.map(\.id) == expected.map(\.id), "\(sort.name)")
        }
        let annsPrinters = try await self.store.tickets(matching: TicketQuery(visibleTo: ann.id, priorities: [.high], text: "printer"))
        #expect(annsPrinters.items.map(\.title) == ["Printer 4 offline", "Printer 2 offline", "Printer 0 offline"])
        #expect(annsPrinters.totalCount == 3)
        let allOfAnns = try await self.store.tickets(matching: TicketQuery(visibleTo: ann.id, text: "printer", page: PageRequest(limit: 2)))
        #expect(allOfAnns.totalCount == 4)
        #expect(
            try await self.allPages(TicketQuery(visibleTo: bob.id, text: "printer", page: PageRequest(limit: 1))).map(\.title) == [
                "Printer 3 offline", "Printer 1 offline",
            ])
        // A word shaped like a store's own bookkeeping (SQLite indexes who may see a ticket as
        // `viewer<id>`) finds nothing.
        #expect(try await search("viewer\(ann.id.rawValue)") == [])
        #expect(try await search("printer viewer\(ann.id.rawValue)") == [])
        // What a plain user's search may see follows assignment.
        let assigned = try await self.update(printer, by: ann) { $0.assignedToID = bob.id }
        #expect(try await search("paper", visibleTo: bob.id) == [printer.id])
        #expect(try await self.store.tickets(matching: TicketQuery(visibleTo: bob.id, text: "paper")).totalCount == 1)
        try await self.update(assigned, by: ann) { $0.assignedToID = nil }
        #expect(try await search("paper", visibleTo: bob.id) == [])
        #expect(try await self.store.tickets(matching: TicketQuery(visibleTo: bob.id, text: "paper")).totalCount == 0)
        #expect(try await self.store.tickets(matching: TicketQuery(visibleTo: ann.id, text: "paper")).totalCount == 1)
        #expect(try await search("paper", visibleTo: ann.id) == [printer.id])
        #expect(try await self.store.tickets(matching: TicketQuery(text: "printer", page: PageRequest(limit: 1))).totalCount == 6)
    }

    /// Every store gives the same scores (``Similarity``, from title and description), and a
    /// word written only in a comment never makes a ticket similar.
    /// For a caller who may not see a ticket, only its title counts: a word that is in its
    /// description alone neither finds it nor raises its score (the score must not tell a
    /// colleague's password, word by word). A caller who may not see every ticket finds tickets
    /// by their titles; their own tickets' descriptions then count in the score. Staff with
    /// `can_view_all` find tickets by their descriptions too.
    func similarReadsOnlyTitlesOfHiddenTickets() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let vpn = try await self.ticket("VPN keeps dropping", by: ann, description: "My vpn password is Zebra7Kumquat")
        let keywords = SearchText.keywords("Zebra7Kumquat")
        #expect(try await self.store.similarTickets(to: keywords, limit: 5, excluding: nil, visibleTo: bob.id).isEmpty)
        #expect(try await self.store.similarTickets(to: keywords, limit: 5, excluding: nil, visibleTo: ann.id).isEmpty)
        #expect(try await self.store.similarTickets(to: keywords, limit: 5, excluding: nil, visibleTo: nil).map(\.id) == [vpn.id])
        // A title word finds it for everyone; a description word beside it adds nothing for Bob.
        let guess = SearchText.keywords("vpn Zebra7Kumquat")
        let bobs = try await self.store.similarTickets(to: guess, limit: 5, excluding: nil, visibleTo: bob.id)
        let wrong = try await self.store.similarTickets(to: SearchText.keywords("vpn Aardvark9Fig"), limit: 5, excluding: nil, visibleTo: bob.id)
        #expect(bobs.map(\.id) == [vpn.id])
        #expect(bobs.map(\.score) == wrong.map(\.score))
        let anns = try await self.store.similarTickets(to: guess, limit: 5, excluding: nil, visibleTo: ann.id)
        #expect(anns.first?.score ?? 0 > bobs.first?.score ?? 0)
    }

    func similarScoresTitleAndDescriptionOnly() async throws {
        let ann = try await self.user("Ann")
        let printer = try await self.ticket("Printer jams", by: ann, description: "The paper gets stuck.")
        let titleOnly = try await self.ticket("Printer offline", by: ann, description: "It shows an error.")
        let monitor = try await self.ticket("Monitor flickers", by: ann, description: "Since Monday.")
        _ = try await self.comment("The payroll password is banana, and the printer jams too.", on: monitor, by: ann)

        let keywords = SearchText.keywords("printer jams, paper")
        let similar = try await self.store.similarTickets(to: keywords, limit: 5, excluding: nil, visibleTo: nil)
        #expect(similar.map(\.id) == [printer.id, titleOnly.id])
        // printer and jams in the title (3 each), paper in the description (1): 7 of 12.
        #expect(similar.map(\.score) == [7.0 / 12.0, 3.0 / 12.0])
        #expect(try await self.store.similarTickets(to: ["banana"], limit: 5, excluding: nil, visibleTo: nil).isEmpty)
        #expect(try await self.store.similarTickets(to: ["payroll", "password"], limit: 5, excluding: nil, visibleTo: nil).isEmpty)
    }

    func similarFindsParaphrasesAndSkipsClosed() async throws {
        let ann = try await self.user("Ann")
        let printer = try await self.ticket("Printer on floor 2 jams", by: ann, description: "Paper gets stuck in the tray.")
        let mention = try await self.ticket("Monitor flickers", by: ann, description: "Next to the printer, the screen flickers.")
        _ = try await self.ticket("VPN drops every few minutes", by: ann, description: "Working from home is impossible.")
        let closed = try await self.ticket("Printers jammed again", by: ann, description: "Printer jams.")
        _ = try await self.update(closed, by: ann) { $0.status = .closed }

        let similar = try await self.store.similarTickets(
            to: SearchText.keywords("The printers jammed on the second floor"), limit: 5, excluding: nil, visibleTo: nil
        )
        #expect(similar.map(\.id) == [printer.id, mention.id])
        #expect(similar.first?.title == "Printer on floor 2 jams")
        #expect(similar.first?.status == .incoming)
        #expect(similar.first?.priority == .medium)
        #expect(similar.first?.createdAt == printer.createdAt)
        #expect(similar.allSatisfy { $0.score > 0 })
        #expect(similar[0].score > similar[1].score)

        #expect(try await self.store.similarTickets(to: ["printer"], limit: 5, excluding: printer.id, visibleTo: nil).map(\.id) == [mention.id])
        #expect(try await self.store.similarTickets(to: ["printer"], limit: 1, excluding: nil, visibleTo: nil).count == 1)
        #expect(try await self.store.similarTickets(to: ["keyboard"], limit: 5, excluding: nil, visibleTo: nil).isEmpty)
        #expect(try await self.store.similarTickets(to: [], limit: 5, excluding: nil, visibleTo: nil).isEmpty)
    }

    func totalCountsFollowEveryChange() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let tess = try await self.user("Tess", role: .tech)
        var tickets: [Ticket] = []
        for (index, priority) in [TicketPriority.low, .high, .high, .emergency, .medium, .low, .medium, .high].enumerated() {
            tickets.append(try await self.ticket("Count \(index)", by: index < 5 ? ann : bob, priority: priority))
        }
        tickets[1] = try await self.update(tickets[1], by: ann) { $0.status = .open }
        tickets[2] = try await self.update(tickets[2], by: ann) {
            $0.status = .open; $0.priority = .low; $0.assignedToID = tess.id
        }
        tickets[3] = try await self.update(tickets[3], by: ann) { $0.title = "Renamed only" }
        tickets[5] = try await self.update(tickets[5], by: ann) { $0.assignedToID = tess.id }
        tickets[5] = try await self.update(tickets[5], by: ann) {
            $0.assignedToID = ann.id; $0.status = .inProgress
        }
        tickets[6] = try await self.update(tickets[6], by: ann) { $0.assignedToID = tess.id }
        tickets[6] = try await self.update(tickets[6], by: ann) { $0.assignedToID = nil }
        tickets[7] = try await self.update(tickets[7], by: ann) { $0.assignedToID = bob.id }
        try await self.deleteTicket(tickets[4].id)
        tickets.remove(at: 4)

        var queries: [TicketQuery] = []
        for people in [
            TicketQuery(), TicketQuery(assignee: .user(tess.id)), TicketQuery(assignee: .unassigned), TicketQuery(createdBy: bob.id),
            TicketQuery(visibleTo: ann.id), TicketQuery(visibleTo: bob.id), TicketQuery(visibleTo: tess.id),
            TicketQuery(visibleTo: ann.id, assignee: .user(ann.id)), TicketQuery(assignee: .user(bob.id), createdBy: bob.id),
        ] {
            for (statuses, priorities) in [
                ([], []), ([.open], []), ([.incoming], []), ([], [.low]), ([.open, .incoming], [.high, .low]), ([.closed], []),
                ([.inProgress], [.low]),
            ] as [([TicketStatus], [TicketPriority])] {
                var query = people
                query.statuses = Set(statuses)
                query.priorities = Set(priorities)
                queries.append(query)
            }
        }
        for query in queries {
            let page = try await self.store.tickets(matching: query)
            let expected = tickets.filter { ticket in
                (query.statuses.isEmpty || query.statuses.contains(ticket.status))
                    && (query.priorities.isEmpty || query.priorities.contains(ticket.priority))
                    && query.visibleTo.map { ticket.createdByID == $0 || ticket.assignedToID == $0 } ?? true
                    && query.createdBy.map { ticket.createdByID == $0 } ?? true
                    && {
                        switch query.assignee {
                        case .user(let id): ticket.assignedToID == id
                        case .unassigned: ticket.assignedToID == nil
                        case nil: true
                        }
                    }()
            }
            let described = "\(query.statuses) \(query.priorities) \(String(describing: query.visibleTo)) \(String(describing: query.assignee))"
            #expect(page.totalCount == expected.count, "\(described)")
            #expect(Set(page.items.map(\.id)) == Set(expected.map(\.id)), "\(described)")
        }
    }

    func paginationIsStableWhileTicketsArrive() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        var existing: [Ticket.ID] = []
        for index in 0..<17 {
            existing.append(try await self.ticket("Before \(index)", by: index % 3 == 0 ? bob : ann).id)
        }
        for sort in [TicketSort.default, TicketSort(field: .priority, descending: true), TicketSort(field: .createdAt, descending: false)] {
            var query = TicketQuery(visibleTo: ann.id, sort: sort, page: PageRequest(limit: 3))
            var seen: [Ticket.ID] = []
            var arrived: [Ticket.ID] = []
            while true {
                let page = try await self.store.tickets(matching: query)
                seen += page.items.map(\.id)
                // Others keep reporting problems between page requests.
                arrived.append(try await self.ticket("Arrived \(sort.name) \(arrived.count)", by: ann).id)
                _ = try await self.ticket("Someone else's", by: bob)
                guard let next = page.next else { break }
                query.page = PageRequest(limit: 3, after: next)
            }
            let annsBefore = Set(existing).intersection(
                try await self.store.tickets(ids: Set(existing)).values.filter { $0.createdByID == ann.id }.map(\.id))
            #expect(Set(seen).count == seen.count, "no ticket twice (\(sort.name))")
            #expect(annsBefore.isSubset(of: Set(seen)), "every earlier ticket once (\(sort.name))")
            #expect(Set(seen).isSubset(of: annsBefore.union(arrived)), "only Ann's tickets (\(sort.name))")
            existing += arrived
        }
    }
}
