import Foundation

extension TicketService {
    /// `GET /stats`: the office's queue in figures, for any signed-in user (see ``OfficeStats``).
    public func stats(_ input: StatsInput, by actor: User) async throws -> OfficeStats {
        let days = try Self.trendDays(input.days)
        let now = self.timestamp()
        let today = UTCDay(containing: now)
        let window = today.advanced(by: 1 - days)...today
        let snapshot = try await self.store.officeSnapshot(
            OfficeSnapshotRequest(
                viewer: actor.id, ownLimit: OfficeStats.mineLimit, resolvedSince: now.addingTimeInterval(-OfficeStats.medianWindow),
                days: window
            )
        )
        var byStatus = Dictionary(uniqueKeysWithValues: TicketStatus.allCases.map { ($0, 0) })
        var byPriority = Dictionary(uniqueKeysWithValues: TicketPriority.allCases.map { ($0, 0) })
        var assigned: [User.ID: Int] = [:]
        var unassigned = 0
        for row in snapshot.tally {
            byStatus[row.status, default: 0] += row.count
            guard row.status.isActive else { continue }
            byPriority[row.priority, default: 0] += row.count
            if let assignee = row.assignee { assigned[assignee, default: 0] += row.count } else { unassigned += row.count }
        }
        let counted = Dictionary(snapshot.days.map { ($0.day, $0) }) { first, _ in first }
        return OfficeStats(
            byStatus: byStatus,
            byPriorityActive: byPriority,
            workload: snapshot.ticketManagers.map { Workload(user: $0, activeAssigned: assigned[$0.id] ?? 0) },
            unassignedActive: unassigned,
            medianHoursToResolve: OfficeStats.median(of: snapshot.resolutionTimes).map { ($0 / 36).rounded() / 100 },
            mine: snapshot.ownQueue,
            mineTotal: snapshot.ownActiveTotal,
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
