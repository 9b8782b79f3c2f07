import Foundation

extension TicketService {
    /// `GET /stats`: the office's queue in figures, for any signed-in user (see ``OfficeStats``).
    /// The office-wide part may come from the service's short-lived cache (see ``OfficeFiguresCache``);
    /// `mine` is always read fresh.
    /// - Parameters:
    ///   - input: The raw `days` of the trend.
    ///   - actor: The signed-in caller, whose own tickets fill ``OfficeStats/mine``.
    /// - Returns: The office's figures.
    /// - Throws: ``TicketError/Kind/validation`` when `days` is not a whole number from 1 to
    ///   ``OfficeStats/maximumTrendDays``.
    public func stats(_ input: StatsInput, by actor: User) async throws -> OfficeStats {
        let days = try Self.trendDays(input.days)
        let now = self.timestamp()
        var stats = try await self.officeFigures.figures(days: days, at: now) {
            try await self.computeOfficeStats(days: days, at: now)
        }
        let own = try await self.store.ownQueue(of: actor.id, limit: OfficeStats.mineLimit)
        stats.mine = own.tickets
        stats.mineTotal = own.total
        return stats
    }

    /// The office-wide figures (`mine` left empty), read from the store.
    private func computeOfficeStats(days: Int, at now: Date) async throws -> OfficeStats {
        let today = UTCDay(containing: now)
        let window = today.advanced(by: 1 - days)...today
        let figures = try await self.store.officeFigures(
            OfficeFiguresRequest(resolvedSince: now.addingTimeInterval(-OfficeStats.medianWindow), days: window)
        )
        var byStatus = Dictionary(uniqueKeysWithValues: TicketStatus.allCases.map { ($0, 0) })
        var byPriority = Dictionary(uniqueKeysWithValues: TicketPriority.allCases.map { ($0, 0) })
        var assigned: [User.ID: Int] = [:]
        var unassigned = 0
        for row in figures.tally {
            byStatus[row.status, default: 0] += row.count
            guard row.status.isActive else { continue }
            byPriority[row.priority, default: 0] += row.count
            if let assignee = row.assignee { assigned[assignee, default: 0] += row.count } else { unassigned += row.count }
        }
        let counted = Dictionary(figures.days.map { ($0.day, $0) }) { first, _ in first }
        return OfficeStats(
            byStatus: byStatus,
            byPriorityActive: byPriority,
            workload: figures.ticketManagers.map { Workload(user: $0, activeAssigned: assigned[$0.id] ?? 0) },
            unassignedActive: unassigned,
            medianHoursToResolve: OfficeStats.median(of: figures.resolutionTimes).map { ($0 / 36).rounded() / 100 },
            mine: [],
            mineTotal: 0,
            trend: window.map { counted[$0] ?? TrendDay(day: $0, created: 0, resolved: 0) }
        )
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
