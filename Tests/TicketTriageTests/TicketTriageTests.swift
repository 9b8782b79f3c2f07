import ArgumentParser
import Foundation
import Testing
import TicketCore
import TicketStoreSQLite

@testable import TicketTriage

@Suite("ticket-triage")
struct TicketTriageTests {
    /// The error the policy throws for `action` by `user`, or `nil` when it is allowed.
    static func refusal(_ action: TicketPolicy.Action, by user: User) -> TicketError? {
        let check: () throws -> Void = { try TicketPolicy.authorize(action, by: user) }
        do {
            try check()
            return nil
        } catch let error as TicketError {
            return error
        } catch {
            return nil
        }
    }

    @Test func queueListsTheActiveTicketsInTheServiceQueueOrder() async throws {
        try await TriageFixture.with { f in
            let low = try await f.ticket(by: f.ann, title: "Mouse squeaks", priority: "low")
            let flood = try await f.ticket(by: f.bob, title: "Server room flooded", priority: "emergency")
            let held = try await f.ticket(by: f.ann, title: "Monitor flickers", priority: "medium")
            let high = try await f.ticket(by: f.ann, title: "VPN drops", priority: "high")
            let smoke = try await f.ticket(by: f.ann, title: "Smoke from the UPS", priority: "emergency")
            let done = try await f.ticket(by: f.bob, title: "Printer jams", priority: "emergency")
            _ = try await f.service.updateTicket(
                done.id, with: TicketChangesInput(status: "resolved"), expectedVersion: nil, by: f.tech)
            _ = try await f.service.updateTicket(
                held.id, with: TicketChangesInput(status: "on hold"), expectedVersion: nil, by: f.tech)

            let result = try await f.run(["queue"], as: f.tech)
            #expect(result.status == 0)
            #expect(result.errors.isEmpty)
            #expect(result.output.first?.hasPrefix("ID ") == true)
            // Highest priority first, then oldest; the resolved ticket is not in the queue.
            #expect(result.ticketIDs == [flood.id, smoke.id, high.id, held.id, low.id])
            // The service's own queue positions, ticket by ticket, say the same: 1, 2, 3, ...
            var positions: [Int] = []
            for id in result.ticketIDs {
                positions.append(try #require(try await f.service.ticket(id, by: f.tech).standing?.queuePosition))
            }
            #expect(positions == Array(1...5))
            #expect(result.output.last == "5 of 5 active tickets.")
            #expect(
                result.output.contains {
                    $0.hasPrefix("\(held.id) ") && $0.contains(" on hold ") && $0.hasSuffix(" Monitor flickers")
                })
        }
    }

    @Test func queueShowsAtMostTheLimit() async throws {
        try await TriageFixture.with { f in
            _ = try await f.ticket(by: f.ann, title: "Mouse squeaks", priority: "low")
            let high = try await f.ticket(by: f.ann, title: "VPN drops", priority: "high")
            let emergency = try await f.ticket(by: f.bob, title: "Server room flooded", priority: "emergency")

            let result = try await f.run(["queue", "--limit", "2"], as: f.tech)
            #expect(result.status == 0)
            #expect(result.ticketIDs == [emergency.id, high.id])
            #expect(result.output.last == "2 of 3 active tickets.")
        }
    }

    /// Line breaks, carriage returns and format characters in a ticket's text (which anyone who
    /// files a ticket writes) cannot fake lines of the output or drive the technician's terminal.
    @Test func ticketTextCannotFakeOutputLines() async throws {
        try await TriageFixture.with { f in
            let input = TicketInput(
                title: "Printer\r\n999    emergency incoming   0m    Fake row", description: "one\rtwo\u{2028}three\u{202E}four",
                priority: "low")
            let ticket = try await f.service.createTicket(input, by: f.ann).ticket
            let queue = try await f.run(["queue"], as: f.tech)
            let show = try await f.run(["show", "\(ticket.id)"], as: f.tech)
            #expect(queue.ticketIDs == [ticket.id])
            #expect(queue.output.count == 3)
            for line in queue.output + show.output {
                #expect(!line.unicodeScalars.contains { [.control, .format, .lineSeparator].contains($0.properties.generalCategory) }, "\(line)")
            }
            #expect(show.output.contains("    one") && show.output.contains("    two") && show.output.contains("    three four"))
        }
    }

    @Test func aPlainUsersQueueHoldsOnlyTheTicketsTheyMaySee() async throws {
        try await TriageFixture.with { f in
            let annsTicket = try await f.ticket(by: f.ann, title: "Mouse squeaks", priority: "low")
            _ = try await f.ticket(by: f.bob, title: "Server room flooded", priority: "emergency")

            let result = try await f.run(["queue"], as: f.ann)
            #expect(result.status == 0)
            #expect(result.ticketIDs == [annsTicket.id])
            #expect(result.output.last == "1 of 1 active tickets.")
        }
    }

    /// The service lists by priority and breaks ties by id; read in pages of two, the queue must
    /// still come out in queue order, whatever the limit.
    @Test(arguments: 1...6)
    func queueReadInSmallPagesKeepsTheQueueOrder(limit: Int) async throws {
        try await TriageFixture.with { f in
            var tickets: [Ticket] = []
            for (index, priority) in ["high", "high", "low", "high", "high", "emergency"].enumerated() {
                tickets.append(try await f.ticket(by: f.ann, title: "Problem \(index)", priority: priority))
            }
            let expected = [5, 0, 1, 3, 4, 2].prefix(limit).map { tickets[$0].id }
            let queue = try await TriageQueue.read(limit: limit, pageSize: 2, from: f.service, by: f.tech)
            #expect(queue.tickets.map(\.id) == expected)
            #expect(queue.total == 6)
        }
    }

    @Test func showPrintsTheTicketWithItsCommentsAndHistory() async throws {
        try await TriageFixture.with { f in
            let ticket = try await f.ticket(by: f.ann, title: "VPN drops", priority: "high")
            _ = try await f.service.addComment(to: ticket.id, content: "Every ten minutes since Monday.", by: f.ann)
            _ = try await f.service.updateTicket(
                ticket.id, with: TicketChangesInput(status: "in progress", assignedToID: .some(f.tech.id), category: .some("network")),
                expectedVersion: nil, by: f.tech
            )

            let result = try await f.run(["show", "\(ticket.id)"], as: f.tech)
            #expect(result.status == 0)
            #expect(result.errors.isEmpty)
            #expect(result.output.first == "Ticket \(ticket.id): VPN drops")
            #expect(result.output.contains("  status: in progress, priority: high, category: Network, queue position: 1"))
            #expect(result.output.contains("  reported by Ann Staff <ann@example.com> at \(TicketText.time(ticket.createdAt))"))
            #expect(result.output.contains("  assigned to Tess Tech <tess@example.com>"))
            #expect(result.output.contains("    It started this morning."))
            #expect(result.output.contains("Comments (1):"))
            #expect(result.output.contains("    Every ten minutes since Monday."))
            let history = Array(result.output.drop(while: { $0 != "History:" }).dropFirst())
            #expect(history.count == 5)
            #expect(history.first?.hasSuffix(" Ann Staff: created the ticket") == true)
            #expect(history.contains { $0.hasSuffix(" Ann Staff: commented") })
            #expect(history.contains { $0.hasSuffix(" Tess Tech: moved it from incoming to in progress") })
            #expect(history.contains { $0.hasSuffix(" Tess Tech: assigned it to user \(f.tech.id)") })
            #expect(history.contains { $0.hasSuffix(" Tess Tech: changed the category from none to Network") })
        }
    }

    @Test func assignStatusAndCommentChangeTheTicket() async throws {
        try await TriageFixture.with { f in
            let ticket = try await f.ticket(by: f.ann, title: "Printer jams", priority: "medium")

            let assign = try await f.run(["assign", "\(ticket.id)", "--to", "TESS@example.com"], as: f.admin)
            #expect(assign.status == 0)
            #expect(assign.output == ["Ticket \(ticket.id) is assigned to Tess Tech <tess@example.com>."])
            #expect(try await f.store.ticket(id: ticket.id)?.assignedToID == f.tech.id)

            let status = try await f.run(["status", "\(ticket.id)", "in-progress"], as: f.tech)
            #expect(status.status == 0)
            #expect(status.output == ["Ticket \(ticket.id) is in progress."])
            #expect(try await f.store.ticket(id: ticket.id)?.status == .inProgress)

            let comment = try await f.run(["comment", "\(ticket.id)", "A new drum is on its way."], as: f.tech)
            #expect(comment.status == 0)
            let comments = try await f.store.comments(matching: CommentQuery(ticketID: ticket.id)).items
            #expect(comments.map(\.content) == ["A new drum is on its way."])
            let added = try #require(comments.first)
            #expect(added.authorID == f.tech.id)
            #expect(comment.output == ["Ticket \(ticket.id): comment \(added.id) added."])

            // Each change is in the history, by the account that ran the command.
            let history = try await f.store.history(of: ticket.id, page: PageRequest()).items
            #expect(history.map(\.kind) == [.created, .assigned, .statusChanged, .commented])
            #expect(history.dropFirst().map(\.actorID) == [f.admin.id, f.tech.id, f.tech.id])

            let unassign = try await f.run(["assign", "\(ticket.id)", "--to", "none"], as: f.tech)
            #expect(unassign.output == ["Ticket \(ticket.id) is assigned to nobody."])
            #expect(try await f.store.ticket(id: ticket.id)?.assignedToID == nil)
            let takeBack = try await f.run(["assign", "\(ticket.id)", "--to", "me"], as: f.tech)
            #expect(takeBack.status == 0)
            #expect(try await f.store.ticket(id: ticket.id)?.assignedToID == f.tech.id)
        }
    }

    @Test func aPlainUserCannotTouchSomeoneElsesTicketAndNothingChanges() async throws {
        try await TriageFixture.with { f in
            let ticket = try await f.ticket(by: f.ann, title: "Laptop will not boot", priority: "high")
            let attempts: [([String], TicketPolicy.Action)] = [
                (["status", "\(ticket.id)", "closed"], .changeStatus(ticket, to: .closed)),
                (["assign", "\(ticket.id)", "--to", "tess@example.com"], .assignTicket(ticket)),
                (["comment", "\(ticket.id)", "Mine does that too."], .addComment(on: ticket)),
                (["show", "\(ticket.id)"], .viewTicket(ticket)),
            ]
            for (arguments, action) in attempts {
                // The policy hides a colleague's ticket from Bob: it does not exist for him.
                let refusal = try #require(Self.refusal(action, by: f.bob))
                #expect(refusal.kind == .notFound)
                let result = try await f.run(arguments, as: f.bob)
                #expect(result.status == 1)
                #expect(result.output.isEmpty)
                #expect(result.errors == ["ticket-triage: not found: \(refusal.message)"])
            }
            #expect(try await f.store.ticket(id: ticket.id) == ticket)
            #expect(try await f.store.comments(matching: CommentQuery(ticketID: ticket.id)).totalCount == 0)
            #expect(try await f.store.history(of: ticket.id, page: PageRequest()).totalCount == 1)
        }
    }

    @Test func aPlainUserIsRefusedWhatThePolicyForbidsOnTheirOwnTicket() async throws {
        try await TriageFixture.with { f in
            let ticket = try await f.ticket(by: f.bob, title: "Keyboard sticks", priority: "low")
            let attempts: [([String], TicketPolicy.Action)] = [
                (["assign", "\(ticket.id)", "--to", "tess@example.com"], .assignTicket(ticket)),
                (["status", "\(ticket.id)", "resolved"], .changeStatus(ticket, to: .resolved)),
            ]
            for (arguments, action) in attempts {
                let refusal = try #require(Self.refusal(action, by: f.bob))
                #expect(refusal.kind == .forbidden)
                let result = try await f.run(arguments, as: f.bob)
                #expect(result.status == 1)
                #expect(result.errors == ["ticket-triage: refused: \(refusal.message)"])
            }
            #expect(try await f.store.ticket(id: ticket.id) == ticket)
            #expect(try await f.store.history(of: ticket.id, page: PageRequest()).totalCount == 1)
        }
    }

    @Test func badInputGivesOneClearLineAndChangesNothing() async throws {
        try await TriageFixture.with { f in
            let ticket = try await f.ticket(by: f.ann, title: "Printer jams", priority: "medium")
            let cases: [([String], String)] = [
                (
                    ["status", "\(ticket.id)", "finished"],
                    "invalid input: status must be one of: incoming, open, in progress, on hold, resolved, closed"
                ),
                (["show", "999"], "not found: Ticket not found"),
                (["status", "999", "open"], "not found: Ticket not found"),
                (
                    ["assign", "\(ticket.id)", "--to", "nobody@example.com"],
                    "invalid input: --to must be the email of an existing account"
                ),
                (["assign", "\(ticket.id)", "--to", "tess"], "invalid input: --to must be an email address, me or none"),
                (
                    ["assign", "\(ticket.id)", "--to", "ann@example.com"],
                    "invalid input: assigned_to_id must name an active user whose role may manage tickets"
                ),
                (["comment", "\(ticket.id)", "   "], "invalid input: content must not be blank"),
            ]
            for (arguments, message) in cases {
                let result = try await f.run(arguments, as: f.tech)
                #expect(result.status == 1, "\(arguments)")
                #expect(result.output.isEmpty, "\(arguments)")
                #expect(result.errors == ["ticket-triage: " + message], "\(arguments)")
            }
            #expect(try await f.store.ticket(id: ticket.id) == ticket)
            #expect(try await f.store.history(of: ticket.id, page: PageRequest()).totalCount == 1)
        }
    }

    @Test func argumentMistakesAreUsageErrors() throws {
        let mistakes: [[String]] = [
            ["show", "abc"],
            ["show", "0"],
            ["queue", "--limit", "0"],
            ["status", "3"],
            ["queue", "--password", "secret"],
        ]
        for arguments in mistakes {
            let error = try #require(throws: (any Error).self, "\(arguments)") {
                try TicketTriageCommand.parseAsRoot(arguments + ["--database", "tickets.sqlite", "--as", "tess@example.com"])
            }
            #expect(TicketTriageCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
        }
        let withoutDatabase = try #require(throws: (any Error).self) {
            try TicketTriageCommand.parseAsRoot(["queue", "--as", "tess@example.com"])
        }
        #expect(TicketTriageCommand.message(for: withoutDatabase).contains("--database"))
    }

    @Test func signingInTakesThePasswordOfTheAccount() async throws {
        try await TriageFixture.with { f in
            let missing = try await f.run(["queue"], as: f.tech, password: nil)
            #expect(missing.status == 1)
            #expect(missing.errors == ["ticket-triage: set TICKETS_TRIAGE_PASSWORD to the password of tess@example.com"])
            let wrong = try await f.run(["queue"], as: f.tech, password: "not-the-password")
            #expect(wrong.status == 1)
            #expect(wrong.output.isEmpty)
            #expect(wrong.errors == ["ticket-triage: not signed in: Wrong email or password"])
            let right = try await f.run(["queue"], as: f.tech)
            #expect(right.status == 0)
            #expect(right.output == ["No active tickets."])
        }
    }

    @Test func aMissingDatabaseIsReportedAndNotCreated() async throws {
        try await TriageFixture.with { f in
            let missing = f.path + "-missing"
            let result = try await f.run(["queue"], as: f.tech, database: missing)
            #expect(result.status == 1)
            #expect(
                result.errors == ["ticket-triage: no database at \(missing); give the file ticket-server uses (its --database)"])
            #expect(!FileManager.default.fileExists(atPath: missing))
            #expect(!FileManager.default.fileExists(atPath: missing + ".lock"))
        }
    }

    @Test func agesReadInTheLargestWholeUnit() {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let ages = [-60, 59, 3_599, 3_600, 86_399, 3 * 86_400].map {
            TicketText.age(from: start, to: start.addingTimeInterval(Double($0)))
        }
        #expect(ages == ["0m", "0m", "59m", "1h", "23h", "3d"])
    }
}
