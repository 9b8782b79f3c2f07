import ArgumentParser
import Foundation
import Logging
import TicketCore
import TicketHTTP

/// `ticket-server generate`: loads realistic tickets for trying things out and for benchmarks.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Load generated tickets, comments and history into a database (for demos and benchmarks).",
        discussion: """
            Creates staff and technician accounts (password: \(DemoData.password)) unless they exist, then appends \
            tickets with comments in batches. Generated accounts are staff1..N@generated.example and \
            tech1..N@generated.example.
            """
    )

    @Option(help: "SQLite file path, sqlite:// URL or postgres:// URL (default: tickets.sqlite; env DATABASE_URL).")
    var database: String?

    @Option(help: "How many tickets to add.")
    var tickets = 10_000

    @Option(help: "How many staff accounts report tickets.")
    var staff = 40

    @Option(help: "How many technicians work them.")
    var technicians = 3

    @Option(help: "Seed for reproducible data.")
    var seed: UInt64 = 1

    @Option(name: .customLong("batch-size"), help: "Tickets per transaction.")
    var batchSize = 5_000

    func validate() throws {
        guard self.tickets >= 0, self.staff >= 1, self.technicians >= 1, self.batchSize >= 1 else {
            throw ValidationError("--tickets must be >= 0; --staff, --technicians and --batch-size must be >= 1")
        }
    }

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.database = self.database ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "tickets.sqlite"
        let options = self
        do {
            try await TicketServer.withStore(configuration) { store, logger in
                try await options.generate(into: store, logger: logger)
            }
        } catch let error as StartupError {
            FileHandle.standardError.write(Data("ticket-server: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func generate(into store: some BulkTicketLoading, logger: Logger) async throws {
        let hash = try await BcryptPasswordHasher(cost: 10).hash(DemoData.password)
        let staff = try await self.accounts(prefix: "staff", count: self.staff, role: "user", hash: hash, store: store)
        let technicians = try await self.accounts(prefix: "tech", count: self.technicians, role: "tech", hash: hash, store: store)
        let end = Date()
        var generator = TicketGenerator(
            seed: self.seed, staff: staff, technicians: technicians, count: self.tickets,
            start: end.addingTimeInterval(-2 * 365 * 24 * 3600), end: end
        )
        let clock = ContinuousClock()
        let started = clock.now
        var done = 0
        while done < self.tickets {
            let batch = (done..<min(done + self.batchSize, self.tickets)).map { generator.ticket($0) }
            try await store.bulkLoad(batch)
            done += batch.count
            let seconds = Double((clock.now - started).components.seconds) + Double((clock.now - started).components.attoseconds) / 1e18
            print("\(done) / \(self.tickets) tickets (\(Int(Double(done) / max(seconds, 0.001))) per second)")
        }
    }

    /// Finds or creates `prefix1..N@generated.example`.
    private func accounts(prefix: String, count: Int, role: String, hash: String, store: some TicketStore) async throws -> [User.ID] {
        var ids: [User.ID] = []
        for number in 1...count {
            let email = "\(prefix)\(number)@generated.example"
            if let existing = try await store.credentials(email: email) {
                ids.append(existing.user.id)
            } else {
                let name = "\(prefix == "tech" ? "Technician" : "Staff") \(number)"
                ids.append(try await store.createUser(NewUser(name: name, email: email, passwordHash: hash, roleName: role, createdAt: Date())).id)
            }
        }
        return ids
    }
}
