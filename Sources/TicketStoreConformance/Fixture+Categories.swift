import Testing
import TicketCore

extension Fixture {
    /// The category filter, alone and with the others, with "none", a plain user's scope, a
    /// text search and every sort, finds exactly the tickets it should, and the total counts
    /// them (the SQL stores sum their `ticket_category_counts`).
    func categoryFiltersMatchAndCount() async throws {
        let ann = try await self.user("Ann")
        let bob = try await self.user("Bob")
        let tech = try await self.user("Tess", role: .tech)
        var tickets: [Ticket] = []
        let categories: [String?] = ["Hardware", nil, "Network", "Hardware", nil, "Software", "Hardware"]
        for (index, category) in categories.enumerated() {
            let author = index.isMultiple(of: 2) ? ann : bob
            var ticket = try await self.ticket("Printer \(index)", by: author, priority: index < 3 ? .high : .low)
            ticket = try await self.update(ticket, by: tech) {
                $0.category = category
                if index == 3 { $0.assignedToID = ann.id }
            }
            tickets.append(ticket)
        }
        #expect(tickets.map(\.category) == categories)

        func expect(_ query: TicketQuery, _ wanted: (Ticket) -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let expected = tickets.filter(wanted).map(\.id)
            let walked = try await self.allPages(query)
            #expect(Set(walked.map(\.id)) == Set(expected), sourceLocation: sourceLocation)
            #expect(walked.count == expected.count, "a ticket listed twice", sourceLocation: sourceLocation)
            var first = query
            first.page = PageRequest(limit: 1)
            #expect(try await self.store.tickets(matching: first).totalCount == expected.count, "the total", sourceLocation: sourceLocation)
        }
        let visibleToAnn = { (ticket: Ticket) in ticket.createdByID == ann.id || ticket.assignedToID == ann.id }
        for sort in TicketSort.Field.allCases.map({ TicketSort(field: $0, descending: true) }) {
            var query = TicketQuery(categories: ["Hardware"], sort: sort, page: PageRequest(limit: 2))
            try await expect(query) { $0.category == "Hardware" }
            query.categories = [nil]
            try await expect(query) { $0.category == nil }
            query.categories = ["Network", nil]
            try await expect(query) { $0.category == "Network" || $0.category == nil }
            query.categories = ["Accounts"]
            try await expect(query) { _ in false }
            query.categories = ["Hardware", nil]
            query.visibleTo = ann.id
            try await expect(query) { ($0.category == "Hardware" || $0.category == nil) && visibleToAnn($0) }
        }
        try await expect(TicketQuery(priorities: [.low], categories: ["Hardware"])) { $0.priority == .low && $0.category == "Hardware" }
        try await expect(TicketQuery(createdBy: bob.id, categories: [nil])) { $0.createdByID == bob.id && $0.category == nil }
        try await expect(TicketQuery(assignee: .user(ann.id), categories: ["Hardware"])) { $0.assignedToID == ann.id }
        try await expect(TicketQuery(categories: ["Hardware"], text: "printer")) { $0.category == "Hardware" }
        try await expect(TicketQuery(visibleTo: ann.id, categories: [nil], text: "printer")) { $0.category == nil && visibleToAnn($0) }
        // Without a category filter, lists are counted as before.
        try await expect(TicketQuery(visibleTo: ann.id)) { visibleToAnn($0) }
    }
}
