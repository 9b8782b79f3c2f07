import ArgumentParser
import Foundation
import Synchronization
import Testing
import TicketCore
import TicketHTTP
import TicketStoreSQLite
import TicketTestSupport

@testable import TicketTriage

/// A database file made as ticket-server makes one (a WAL-mode SQLite file, bcrypt hashes), with
/// an administrator, a technician (Tess) and two staff (Ann, Bob), all with ``password``; and a
/// way to run ticket-triage on it in process.
struct TriageFixture {
    static let password = "triage-password"

    /// The database file.
    let path: String
    /// The test's own connection to it, to set up and to read the effects back.
    let store: SQLiteTicketStore
    let service: TicketService<SQLiteTicketStore>
    /// bcrypt at the lowest cost, the hashing ticket-server uses.
    let passwords: BcryptPasswordHasher
    let admin: User
    let tech: User
    let ann: User
    let bob: User

    /// Runs `body` with a new database in a directory of its own, removed afterwards.
    static func with(_ body: (TriageFixture) async throws -> Void) async throws {
        try await TestSQLite.withDirectory { directory in
            let path = directory.appendingPathComponent("tickets.sqlite").path
            let store = try SQLiteTicketStore(path: path)
            do {
                try await body(try await TriageFixture(path: path, store: store))
            } catch {
                try? store.close()
                throw error
            }
            try store.close()
        }
    }

    private init(path: String, store: SQLiteTicketStore) async throws {
        let passwords = BcryptPasswordHasher(cost: 4)
        let service = TicketService(store: store, passwords: passwords)
        let admin = try #require(
            try await service.ensureAdmin(name: "Administrator", email: "admin@example.com", password: Self.password))
        self.path = path
        self.store = store
        self.service = service
        self.passwords = passwords
        self.admin = admin
        self.tech = try await service.register(
            RegistrationInput(name: "Tess Tech", email: "tess@example.com", password: Self.password, role: "tech"), by: admin
        )
        self.ann = try await service.register(
            RegistrationInput(name: "Ann Staff", email: "ann@example.com", password: Self.password), by: admin)
        self.bob = try await service.register(
            RegistrationInput(name: "Bob Staff", email: "bob@example.com", password: Self.password), by: admin)
    }

    /// A new ticket reported by `user`.
    func ticket(by user: User, title: String, priority: String) async throws -> Ticket {
        let input = TicketInput(title: title, description: "It started this morning.", priority: priority)
        return try await self.service.createTicket(input, by: user).ticket
    }

    /// Parses `arguments` as ticket-triage's command line (with `--database` and `--as` added)
    /// and runs the command in process, as `user` with `password` in place of the environment's.
    func run(
        _ arguments: [String], as user: User, password: String? = TriageFixture.password, database: String? = nil
    ) async throws -> TriageResult {
        let parsed = try TicketTriageCommand.parseAsRoot(arguments + ["--database", database ?? self.path, "--as", user.email])
        let command = try #require(parsed as? any TriageCommand)
        let output = CollectedText()
        let errors = CollectedText()
        let status = await TriageRunner.execute(
            command, password: password, passwords: self.passwords, output: output.sink, errors: errors.sink)
        return TriageResult(status: status, output: output.lines, errors: errors.lines)
    }
}

/// How one run of ticket-triage ended and what it wrote.
struct TriageResult {
    /// The exit status.
    var status: Int32
    /// The lines on standard output.
    var output: [String]
    /// The lines on standard error.
    var errors: [String]

    /// The ticket numbers of the rows of `queue`'s table (between its header and its last line).
    var ticketIDs: [Ticket.ID] {
        self.output.dropFirst().dropLast().compactMap { line in
            line.split(separator: " ").first.flatMap { Int64($0) }.map { Ticket.ID($0) }
        }
    }
}

/// Text written through a ``TriageOutput``, kept for the test to read.
final class CollectedText: Sendable {
    private let text = Mutex("")

    /// An output that appends here.
    var sink: TriageOutput {
        TriageOutput { piece in self.text.withLock { $0 += piece } }
    }

    /// The lines written so far.
    var lines: [String] {
        var lines = self.text.withLock { $0 }.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
