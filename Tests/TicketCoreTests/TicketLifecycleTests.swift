import Foundation
import Testing
import TicketCore

/// `resolved_at` and `closed_at` follow the status (``Ticket/settingStatus(_:at:)``), and the
/// queue order is the one ``TicketQueue`` defines.
@Suite("Ticket lifecycle and queue order")
struct TicketLifecycleTests {
    static func ticket(
        _ id: Int64, _ priority: TicketPriority = .medium, status: TicketStatus = .incoming, createdAt: Date = Date(timeIntervalSince1970: 1_000)
    ) -> Ticket {
        Ticket(
            id: Ticket.ID(id), title: "T\(id)", description: "D", priority: priority, status: status, createdByID: User.ID(1),
            assignedToID: nil, duplicateOfID: nil, createdAt: createdAt, updatedAt: nil, version: 1
        )
    }

    @Test func stampsFollowTheStatus() {
        let (t1, t2, t3, t4) = (
            Date(timeIntervalSince1970: 10), Date(timeIntervalSince1970: 20), Date(timeIntervalSince1970: 30), Date(timeIntervalSince1970: 40)
        )
        var ticket = Self.ticket(1)
        ticket.settingStatus(.resolved, at: t1)
        #expect(ticket.status == .resolved && ticket.resolvedAt == t1 && ticket.closedAt == nil)
        ticket.settingStatus(.resolved, at: t2)
        #expect(ticket.resolvedAt == t1, "setting the same status changes nothing")
        ticket.settingStatus(.closed, at: t2)
        #expect(ticket.resolvedAt == t1 && ticket.closedAt == t2, "closed after resolved keeps when it was resolved")
        ticket.settingStatus(.open, at: t3)
        #expect(ticket.resolvedAt == nil && ticket.closedAt == nil, "reopening clears both")
        ticket.settingStatus(.closed, at: t4)
        #expect(ticket.resolvedAt == nil && ticket.closedAt == t4, "withdrawn: closed, never resolved")
        ticket.settingStatus(.resolved, at: t4)
        #expect(ticket.resolvedAt == t4 && ticket.closedAt == nil)
    }

    @Test func queueOrdersByPriorityThenAgeThenID() {
        let early = Date(timeIntervalSince1970: 1_000)
        let late = Date(timeIntervalSince1970: 2_000)
        let tickets = [
            Self.ticket(1, .low, createdAt: early), Self.ticket(2, .high, createdAt: late), Self.ticket(3, .high, createdAt: early),
            Self.ticket(4, .high, createdAt: early), Self.ticket(5, .emergency, status: .resolved, createdAt: early),
            Self.ticket(6, .medium, status: .onHold, createdAt: late),
        ]
        let positions = tickets.map { TicketQueue.position(of: $0, among: tickets) }
        #expect(positions == [5, 3, 1, 2, nil, 4])
    }

    @Test func utcDaysAndDates() {
        let day = UTCDay(containing: Date(timeIntervalSince1970: 1_795_132_800 + 86_399.999))
        #expect(day.isoDate == "2026-11-20")
        #expect(day.advanced(by: 1).isoDate == "2026-11-21")
        #expect(UTCDay(containing: Date(timeIntervalSince1970: -1)).number == -1)
        #expect(UTCDay(number: 0).isoDate == "1970-01-01")
    }
}
