import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// `GET /stats`, queue positions and duplicates on a ticket, and `resolved_at` / `closed_at`,
/// against hand-computed figures on every store.
@Suite("HTTP: /stats and the queue")
struct StatsRouteTests {
    /// 2026-11-20T00:00:00Z plus `hours`.
    static func at(hours: Double) -> Date {
        Date(timeIntervalSince1970: 1_795_132_800 + hours * 3600)
    }

    @Test(arguments: StoreKind.allCases)
    func figuresFollowTheOfficesTickets(_ kind: StoreKind) async throws {
        let clock = ManualClock(Self.at(hours: 8))
        try await withAPI(kind, clock: clock) { api in
            let admin = try await api.login("admin@example.com", "admin-password")
            let tech = try await api.login("tech@example.com")
            let ann = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            let techID = try #require(try await api.send(.get, "/auth/me", token: tech).object["id"] as? Int)
            func create(_ token: String, _ title: String, _ priority: String, hours: Double) async throws -> Int {
                clock.set(Self.at(hours: hours))
                return try await api.createTicket(token, title: title, priority: priority)
            }
            func change(_ id: Int, _ json: [String: Any], by token: String, hours: Double) async throws -> [String: Any] {
                clock.set(Self.at(hours: hours))
                let response = try await api.send(.patch, "/tickets/\(id)", token: token, json: json)
                #expect(response.status == .ok, "\(json): \(response.text)")
                return response.object
            }
            func stats(_ token: String, _ query: String = "") async throws -> [String: Any] {
                let response = try await api.send(.get, "/stats\(query)", token: token)
                #expect(response.status == .ok, "\(response.text)")
                return response.object
            }

            // An empty office.
            clock.set(Self.at(hours: 8))
            let empty = try await stats(ann, "?days=2")
            #expect(empty["active_total"] as? Int == 0)
            #expect(empty["median_hours_to_resolve_30d"] is NSNull)
            #expect((empty["mine"] as? [Any])?.isEmpty == true)
            #expect(Self.trend(empty) == [Day("2026-11-19", 0, 0), Day("2026-11-20", 0, 0)])

            // Day 1 (Nov 20): five tickets.
            let a1 = try await create(ann, "Printer jams", "high", hours: 8)
            let a2 = try await create(ann, "Mouse broken", "low", hours: 9)
            let b1 = try await create(bob, "Server down", "emergency", hours: 10)
            let b2 = try await create(bob, "Email slow", "medium", hours: 11)
            let a3 = try await create(ann, "Need a chair", "medium", hours: 12)
            // Day 2 (Nov 21): work starts, two resolutions (25 h and 27 h after creation).
            let assigned = try await change(a1, ["assigned_to_id": techID, "status": "open"], by: tech, hours: 32)
            #expect(assigned["resolved_at"] is NSNull && assigned["closed_at"] is NSNull)
            _ = try await change(b1, ["assigned_to_id": techID, "status": "in progress"], by: tech, hours: 32)
            let resolved = try await change(a2, ["status": "resolved"], by: tech, hours: 34)
            #expect(resolved["resolved_at"] as? String == "2026-11-21T10:00:00.000Z")
            #expect(resolved["queue_position"] is NSNull)
            _ = try await change(b2, ["status": "resolved"], by: tech, hours: 38)
            // Day 3 (Nov 22): Ann withdraws one ticket and reports another.
            let withdrawn = try await change(a3, ["status": "closed"], by: ann, hours: 57)
            #expect(withdrawn["closed_at"] as? String == "2026-11-22T09:00:00.000Z")
            #expect(withdrawn["resolved_at"] is NSNull)
            let a4 = try await create(ann, "Keyboard sticky", "low", hours: 58)

            clock.set(Self.at(hours: 60))
            let figures = try await stats(ann, "?days=3")
            #expect(figures["active_total"] as? Int == 3)
            #expect(figures["by_status"] as? [String: Int] == ["incoming": 1, "open": 1, "in progress": 1, "on hold": 0, "resolved": 2, "closed": 1])
            #expect(figures["by_priority_active"] as? [String: Int] == ["low": 1, "medium": 0, "high": 1, "emergency": 1])
            #expect(Self.workload(figures) == ["Admin": 0, "Tess Tech": 2])
            #expect(figures["unassigned_active"] as? Int == 1)
            #expect(figures["median_hours_to_resolve_30d"] as? Double == 26)
            // The queue: B1 (emergency), A1 (high), A4 (low).
            #expect(Self.mine(figures) == [Queued(a1, 2), Queued(a4, 3)])
            #expect(figures["mine_total"] as? Int == 2)
            #expect(Self.mine(try await stats(bob)) == [Queued(b1, 1)])
            #expect(Self.trend(figures) == [Day("2026-11-20", 5, 0), Day("2026-11-21", 0, 2), Day("2026-11-22", 1, 0)])
            // Counts are office-wide for everyone; mine is the caller's own.
            let techFigures = try await stats(tech)
            #expect(techFigures["by_status"] as? [String: Int] == figures["by_status"] as? [String: Int])
            #expect((techFigures["mine"] as? [Any])?.isEmpty == true)
            let month = try #require(techFigures["trend"] as? [[String: Any]])
            #expect(month.count == 30)
            #expect(month.last?["date"] as? String == "2026-11-22")
            #expect(month.first?["date"] as? String == "2026-10-24")
            #expect(month.dropLast(3).allSatisfy { $0["created"] as? Int == 0 && $0["resolved"] as? Int == 0 })

            #expect(try await api.send(.get, "/tickets/\(a1)", token: ann).object["queue_position"] as? Int == 2)
            #expect(try await api.send(.get, "/tickets/\(b1)", token: tech).object["queue_position"] as? Int == 1)

            // A third resolution (51 h): the median of 25, 27 and 51 is 27.
            _ = try await change(a1, ["status": "resolved"], by: tech, hours: 59)
            clock.set(Self.at(hours: 60))
            let odd = try await stats(ann, "?days=1")
            #expect(odd["median_hours_to_resolve_30d"] as? Double == 27)
            #expect(Self.mine(odd) == [Queued(a4, 2)])
            #expect(Self.trend(odd) == [Day("2026-11-22", 1, 1)])
            #expect(Self.workload(odd) == ["Admin": 0, "Tess Tech": 1])

            // Reopening clears resolved_at: the ticket is back in the queue and out of the figures.
            let reopened = try await change(a2, ["status": "open"], by: ann, hours: 61)
            #expect(reopened["resolved_at"] is NSNull && reopened["closed_at"] is NSNull)
            #expect(reopened["queue_position"] as? Int == 2)
            let afterReopen = try await stats(ann, "?days=3")
            #expect(Self.trend(afterReopen) == [Day("2026-11-20", 5, 0), Day("2026-11-21", 0, 1), Day("2026-11-22", 1, 1)])
            #expect(afterReopen["median_hours_to_resolve_30d"] as? Double == 39)
            #expect(Self.mine(afterReopen) == [Queued(a2, 2), Queued(a4, 3)])

            // A deactivated technician leaves the workload; their tickets stay counted.
            let deactivated = try await api.send(.delete, "/users/\(techID)", token: admin)
            #expect(deactivated.status == .ok)
            let withoutTech = try await stats(ann, "?days=3")
            #expect(Self.workload(withoutTech) == ["Admin": 0])
            #expect(withoutTech["active_total"] as? Int == 3)
            #expect(withoutTech["unassigned_active"] as? Int == 2)

            // A deleted ticket leaves every figure.
            #expect(try await api.send(.delete, "/tickets/\(a4)", token: admin).status == .ok)
            let afterDelete = try await stats(ann, "?days=3")
            #expect(afterDelete["active_total"] as? Int == 2)
            #expect(Self.trend(afterDelete).last == Day("2026-11-22", 0, 1))
            #expect(Self.mine(afterDelete) == [Queued(a2, 2)])
            #expect(afterDelete["by_priority_active"] as? [String: Int] == ["low": 1, "medium": 0, "high": 0, "emergency": 1])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func duplicatesShowHowManyHitTheSameProblem(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let tech = try await api.login("tech@example.com")
            let ann = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            let original = try await api.createTicket(ann, title: "Wi-Fi down on floor 3")
            let first = try await api.createTicket(bob, title: "No Wi-Fi on floor 3")
            let second = try await api.createTicket(bob, title: "Wi-Fi is gone")
            let own = try await api.createTicket(ann, title: "Wi-Fi dead again")
            for duplicate in [second, first, own] {
                let marked = try await api.send(.patch, "/tickets/\(duplicate)", token: tech, json: ["duplicate_of_id": original])
                #expect(marked.status == .ok)
                #expect(marked.object["status"] as? String == "closed")
                #expect(marked.object["closed_at"] is String)
                #expect(marked.object["queue_position"] is NSNull)
            }
            let seenByTech = try await api.send(.get, "/tickets/\(original)", token: tech).object
            #expect(seenByTech["duplicates"] as? [Int] == [first, second, own])
            #expect(seenByTech["duplicate_count"] as? Int == 3)
            // Ann sees only her own duplicate, but learns that three people hit it.
            let seenByAnn = try await api.send(.get, "/tickets/\(original)", token: ann).object
            #expect(seenByAnn["duplicates"] as? [Int] == [own])
            #expect(seenByAnn["duplicate_count"] as? Int == 3)
            #expect(seenByAnn["queue_position"] as? Int == 1)
            let duplicate = try await api.send(.get, "/tickets/\(own)", token: ann).object
            #expect(duplicate["duplicates"] as? [Int] == [])
            #expect(duplicate["duplicate_count"] as? Int == 0)
            // Lists carry the status times but not the single-ticket members.
            let listed = try await api.send(.get, "/tickets", token: ann).array
            #expect(listed.count == 2)
            #expect(listed.allSatisfy { $0["closed_at"] != nil && $0["queue_position"] == nil && $0["duplicates"] == nil })
        }
    }

    @Test(arguments: StoreKind.allCases)
    func trendWindowIsChecked(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            for bad in ["0", "366", "-1", "abc", "1.5", "", "99999999999999999999"] {
                let response = try await api.send(.get, "/stats?days=\(bad)", token: ann)
                #expect(response.status == .badRequest, "days=\(bad)")
                #expect(response.fieldErrors("days") != nil, "days=\(bad)")
            }
            #expect((try await api.send(.get, "/stats?days=1", token: ann).object["trend"] as? [Any])?.count == 1)
            #expect((try await api.send(.get, "/stats?days=365", token: ann).object["trend"] as? [Any])?.count == 365)
            #expect(try await api.send(.get, "/stats").status == .unauthorized)
        }
    }

    struct Day: Equatable, CustomStringConvertible {
        var date: String
        var created: Int
        var resolved: Int
        init(_ date: String, _ created: Int, _ resolved: Int) {
            self.date = date
            self.created = created
            self.resolved = resolved
        }
        var description: String { "\(self.date): +\(self.created) ✓\(self.resolved)" }
    }

    struct Queued: Equatable {
        var id: Int
        var position: Int
        init(_ id: Int, _ position: Int) {
            self.id = id
            self.position = position
        }
    }

    static func trend(_ stats: [String: Any]) -> [Day] {
        (stats["trend"] as? [[String: Any]] ?? []).map {
            Day($0["date"] as? String ?? "?", $0["created"] as? Int ?? -1, $0["resolved"] as? Int ?? -1)
        }
    }

    static func mine(_ stats: [String: Any]) -> [Queued] {
        (stats["mine"] as? [[String: Any]] ?? []).map { Queued($0["id"] as? Int ?? -1, $0["queue_position"] as? Int ?? -1) }
    }

    static func workload(_ stats: [String: Any]) -> [String: Int] {
        var result: [String: Int] = [:]
        for entry in stats["workload"] as? [[String: Any]] ?? [] {
            result[(entry["user"] as? [String: Any])?["name"] as? String ?? "?"] = entry["active_assigned"] as? Int
        }
        return result
    }
}
