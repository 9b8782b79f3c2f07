import Testing
import TicketCore

@Suite("Ticket categories")
struct TicketCategoryTests {
    /// What an office may configure: names are trimmed, compared ignoring case, and may not be
    /// blank, long, repeated, `none`, or hold commas, control or format characters.
    @Test func configuredNamesAreChecked() throws {
        #expect(try TicketCategories([" Printers ", "Phones"]).names == ["Printers", "Phones"])
        #expect(try TicketCategories(["Printers"]).matching("  PRINTERS ") == "Printers")
        #expect(try TicketCategories(["Printers"]).matching("Printer") == nil)
        let refused: [[String]] = [
            [], [""], ["  "], [String(repeating: "x", count: 41)], ["Printers", "printers"], ["None"], ["A,B"], ["Tab\there"],
            ["Line\nbreak"], ["Right\u{202E}left"], ["Zero\u{200B}width"], Array(repeating: "x", count: 51).enumerated().map { "c\($0.offset)" },
        ]
        for names in refused {
            #expect(throws: TicketError.self, "\(names)") { try TicketCategories(names) }
        }
    }

    /// A category the office no longer offers stays on its tickets: sending it back unchanged
    /// (as a PUT of what was read does) is accepted, in any case; choosing it anew is not.
    @Test func aRetiredCategoryStaysOnItsTickets() async throws {
        let store = InMemoryTicketStore()
        let before = TicketService(store: store, passwords: PlainPasswordHasher(), categories: try TicketCategories(["Printers", "Phones"]))
        let admin = try #require(try await before.ensureAdmin(name: "Admin", email: "admin@example.com", password: "admin-password"))
        let filed = try await before.createTicket(.init(title: "Jams", description: "Tray 2", priority: "low", category: "printers"), by: admin)
        #expect(filed.ticket.category == "Printers")
        let other = try await before.createTicket(.init(title: "No tone", description: "Desk 4", priority: "low"), by: admin)

        let after = TicketService(store: store, passwords: PlainPasswordHasher(), categories: try TicketCategories(["Phones"]))
        let echoed = try await after.updateTicket(
            filed.ticket.id, with: .init(title: "Jams", description: "Tray 2", priority: "low", category: .some("PRINTERS"), isReplacement: true),
            expectedVersion: filed.ticket.version, by: admin)
        #expect(echoed.ticket.category == "Printers" && echoed.ticket.version == filed.ticket.version)
        let errors = await fieldErrors {
            _ = try await after.updateTicket(other.ticket.id, with: .init(category: .some("Printers")), expectedVersion: nil, by: admin)
        }
        #expect(errors["category"] == ["must be null or one of: Phones"])
        let moved = try await after.updateTicket(filed.ticket.id, with: .init(category: .some("phones")), expectedVersion: nil, by: admin)
        #expect(moved.ticket.category == "Phones")
    }

    /// Many bad values of one filter give one message, so the answer stays small.
    @Test func aFilterOfManyBadValuesGetsOneMessage() async throws {
        let f = try await ServiceFixture()
        let many = Array(repeating: "bogus", count: 500).joined(separator: ",")
        let errors = await fieldErrors { _ = try await f.service.listTickets(.init(status: [many], category: [many, "x"]), by: f.ann) }
        #expect(errors["status"]?.count == 1)
        #expect(errors["category"] == ["must be none or one of: Hardware, Software, Network, Accounts, Other"])
    }
}
