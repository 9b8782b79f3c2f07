import Foundation
import Synchronization
public import TicketCore

/// A seeded, random sequence of everyday writes through the core service (creates,
/// reassignments, status and priority moves, fixes closed a day later, duplicates, comments
/// written, edited and deleted, tickets deleted) spread over several weeks, for the tests that
/// recompute a store's trigger-kept caches from scratch and compare, and for the upgrade tests'
/// old databases.
public enum CacheWorkout {
    /// Runs `steps` random writes against `store`. Writes the rules refuse (a move the policy
    /// does not allow, say) are part of the workout; any other error fails it.
    /// - Parameters:
    ///   - people: Prefixes the workout's email addresses, so that a second workout on the same
    ///     store brings people of its own.
    ///   - categories: Whether tickets are filed under categories (or none) and moved between
    ///     them; off for an old database whose tickets have no category.
    public static func run(
        on store: some TicketStore, seed: UInt64, steps: Int = 200, people: String = "", categories: Bool = true
    ) async throws {
        var random = SeededRandom(seed: seed)
        let clock = WorkoutClock()
        let service = TicketService(store: store, passwords: WorkoutPasswordHasher(), now: { clock.now }, officeFiguresLifetime: 0)
        guard let admin = try await service.ensureAdmin(name: "Admin", email: "\(people)admin@example.com", password: "admin-password") else {
            throw CancellationError()
        }
        var techs: [User] = []
        var staff: [User] = []
        for index in 0..<2 {
            techs.append(
                try await service.register(
                    .init(name: "Tech \(index)", email: "\(people)tech\(index)@example.com", password: "password1", role: "tech"), by: admin))
        }
        for index in 0..<3 {
            staff.append(
                try await service.register(
                    .init(name: "Staff \(index)", email: "\(people)staff\(index)@example.com", password: "password1"), by: admin))
        }
        let everyone = [admin] + techs + staff
        let words = ["printer", "jams", "paper", "vpn", "drops", "monitor", "flickers", "laptop", "slow", "email", "login", "fails"]
        // A category, or none; nothing at all (`nil`) where tickets have none.
        func category() -> String?? {
            guard categories else { return .none }
            return .some([nil, "Hardware", "Network", "Software"][random.next(upTo: 4)])
        }
        var tickets: [Ticket.ID] = []
        var comments: [(id: Comment.ID, author: User)] = []

        for _ in 0..<steps {
            clock.advance(hours: Double(random.next(upTo: 30)))
            let actor = everyone[random.next(upTo: everyone.count)]
            let tech = techs[random.next(upTo: techs.count)]
            let text = (0..<3).map { _ in words[random.next(upTo: words.count)] }.joined(separator: " ")
            do {
                switch (random.next(upTo: 10), tickets.isEmpty) {
                case (0...2, _), (_, true):
                    let priority = ["low", "medium", "high", "emergency"][random.next(upTo: 4)]
                    let created = try await service.createTicket(
                        .init(title: text, description: "About \(text).", priority: priority, category: category() ?? nil), by: actor)
                    tickets.append(created.ticket.id)
                case (3, _):
                    let assignee: User.ID? = random.next(upTo: 4) == 0 ? nil : tech.id
                    _ = try await service.updateTicket(
                        tickets[random.next(upTo: tickets.count)], with: .init(assignedToID: .some(assignee)), expectedVersion: nil, by: tech)
                case (4, _):
                    let status = ["incoming", "open", "in progress", "on hold", "resolved", "closed"][random.next(upTo: 6)]
                    let ticket = tickets[random.next(upTo: tickets.count)]
                    _ = try await service.updateTicket(ticket, with: .init(status: status), expectedVersion: nil, by: tech)
                    // Half the fixes are confirmed and closed a day later.
                    if status == "resolved", random.next(upTo: 2) == 0 {
                        clock.advance(hours: 24)
                        _ = try await service.updateTicket(ticket, with: .init(status: "closed"), expectedVersion: nil, by: tech)
                    }
                case (5, _):
                    let priority = ["low", "medium", "high", "emergency"][random.next(upTo: 4)]
                    _ = try await service.updateTicket(
                        tickets[random.next(upTo: tickets.count)], with: .init(title: text, priority: priority, category: category()),
                        expectedVersion: nil, by: tech
                    )
                case (6, _):
                    let (ticket, original) = (tickets[random.next(upTo: tickets.count)], tickets[random.next(upTo: tickets.count)])
                    _ = try await service.updateTicket(ticket, with: .init(duplicateOfID: .some(original)), expectedVersion: nil, by: tech)
                case (7, _):
                    let author = [tech, admin][random.next(upTo: 2)]
                    let comment = try await service.addComment(to: tickets[random.next(upTo: tickets.count)], content: "Seen: \(text)", by: author)
                    comments.append((comment.comment.id, author))
                case (8, _) where !comments.isEmpty:
                    let (id, author) = comments[random.next(upTo: comments.count)]
                    if random.next(upTo: 2) == 0 {
                        _ = try await service.updateComment(id, content: "Edited: \(text)", by: author)
                    } else {
                        try await service.deleteComment(id, by: author)
                    }
                default:
                    try await service.deleteTicket(tickets.remove(at: random.next(upTo: tickets.count)), by: admin)
                }
            } catch is TicketError {
                continue
            }
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { self.state = seed }

    /// A number in `0..<bound` (`bound` > 0).
    mutating func next(upTo bound: Int) -> Int {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}

/// The workout's clock: starts on 2026-10-01 and moves forward in hours.
private final class WorkoutClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_790_812_800))

    var now: Date { self.current.withLock { $0 } }

    func advance(hours: Double) { self.current.withLock { $0.addTimeInterval(hours * 3600) } }
}

/// Passwords without bcrypt's cost: the workout is about tickets.
private struct WorkoutPasswordHasher: PasswordHasher {
    func hash(_ password: String) async throws -> String { "plain:" + password }
    func verify(_ password: String, against hash: String) async throws -> Bool { hash == "plain:" + password }
    var timingDummyHash: String { "plain:\u{0}unguessable" }
}
