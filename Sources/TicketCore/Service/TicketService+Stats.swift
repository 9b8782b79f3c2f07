import Foundation

extension TicketService {
    /// `GET /stats`: the office's queue in figures, for any signed-in user (see ``OfficeStats``).
    /// The figures come from several reads; a write landing between them may show in some and
    /// not yet in others (a dashboard, not a ledger).
    public func stats(_ input: StatsInput, by actor: User) async throws -> OfficeStats {
        let days = try Self.trendDays(input.days)
        let now = self.timestamp()
        let tally = try await self.store.ticketTally()
        let managers = try await self.store.ticketManagers()
        let own = try await self.store.queuedTickets(createdBy: actor.id, limit: OfficeStats.mineLimit)
        let positions = try await self.store.queuePositions(of: own.tickets.map(\.id))
        let today = UTCDay(containing: now)
        let window = today.advanced(by: 1 - days)...today
        let daily = try await self.store.dailyTicketCounts(window)

        var byStatus = Dictionary(uniqueKeysWithValues: TicketStatus.allCases.map { ($0, 0) })
        var byPriority = Dictionary(uniqueKeysWithValues: TicketPriority.allCases.map { ($0, 0) })
        var assigned: [User.ID: Int] = [:]
        var unassigned = 0
        for row in tally {
            byStatus[row.status, default: 0] += row.count
            guard row.status.isActive else { continue }
            byPriority[row.priority, default: 0] += row.count
            if let assignee = row.assignee { assigned[assignee, default: 0] += row.count } else { unassigned += row.count }
        }
        let counted = Dictionary(daily.map { ($0.day, $0) }) { first, _ in first }
        return OfficeStats(
            byStatus: byStatus,
            byPriorityActive: byPriority,
            workload: managers.map { Workload(user: $0, activeAssigned: assigned[$0.id] ?? 0) },
            unassignedActive: unassigned,
            medianHoursToResolve: try await self.medianHoursToResolve(since: now.addingTimeInterval(-OfficeStats.medianWindow)),
            mine: own.tickets.compactMap { ticket in positions[ticket.id].map { QueuedTicket(ticket: ticket, queuePosition: $0) } },
            mineTotal: own.total,
            trend: window.map { counted[$0] ?? TrendDay(day: $0, created: 0, resolved: 0) }
        )
    }

    /// The median resolution time since `since`, in hours rounded to 0.01.
    private func medianHoursToResolve(since: Date) async throws -> Double? {
        OfficeStats.median(of: try await self.store.resolutionTimes(since: since)).map { ($0 / 36).rounded() / 100 }
    }

    /// `?days=`: a whole number from 1 to ``OfficeStats/maximumTrendDays``.
    private static func trendDays(_ raw: String?) throws(TicketError) -> Int {
        guard let raw else { return OfficeStats.defaultTrendDays }
        guard let days = Int(raw.trimmingWhitespace()), (1...OfficeStats.maximumTrendDays).contains(days) else {
            var errors = FieldErrors()
            errors.add("days", "must be a whole number from 1 to \(OfficeStats.maximumTrendDays)")
            throw TicketError.validation(errors)
        }
        return days
    }
}
