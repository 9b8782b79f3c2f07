import TicketCore

/// The head of the office's queue as the acting account sees it: active tickets in the order
/// ``TicketQueue`` defines (priority, then oldest, then lowest id), read through
/// ``TicketService/listTickets(_:by:)`` so visibility applies.
struct TriageQueue: Sendable {
    /// At most the limit asked for, in queue order.
    var tickets: [Ticket]
    /// How many active tickets the account can see in all.
    var total: Int

    /// The statuses of tickets still being worked (``TicketStatus/isActive``).
    static let activeStatuses = TicketStatus.allCases.filter(\.isActive).map(\.rawValue)

    /// Reads the first `limit` tickets of the queue.
    ///
    /// The service lists by priority (highest first) but breaks ties by id, not by age, so pages
    /// are read until the first `limit` in queue order are settled: until `limit` tickets are
    /// in hand and a page ends below the priority of the last of them. Only the highest
    /// priorities are read, however long the queue.
    /// - Parameter pageSize: Tickets per service call (tests make it small).
    static func read<Store: TicketStore>(
        limit: Int,
        pageSize: Int = PageRequest.maximumLimit,
        from service: TicketService<Store>,
        by actor: User
    ) async throws -> TriageQueue {
        let limit = max(1, limit)
        var collected: [Ticket] = []
        var total = 0
        var cursor: String?
        repeat {
            let input = TicketListInput(
                status: Self.activeStatuses, sort: "-priority", page: PageInput(limit: String(pageSize), cursor: cursor)
            )
            let page = try await service.listTickets(input, by: actor)
            if cursor == nil { total = page.totalCount }
            collected.append(contentsOf: page.items.map(\.ticket))
            cursor = page.nextCursor
            if collected.count >= limit, let last = page.items.last?.ticket {
                let head = collected.sorted(by: TicketQueue.precedes)
                if last.priority < head[limit - 1].priority { break }
            }
        } while cursor != nil
        return TriageQueue(tickets: Array(collected.sorted(by: TicketQueue.precedes).prefix(limit)), total: total)
    }
}
