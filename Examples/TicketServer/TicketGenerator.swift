import Foundation
import TicketCore

/// Makes realistic help-desk tickets from an IT vocabulary (printers, VPN, email, passwords,
/// laptops...), deterministically from a seed.
struct TicketGenerator {
    private var random: SeededRandom
    let staff: [User.ID]
    let technicians: [User.ID]
    let start: Date
    let end: Date
    let count: Int

    init(seed: UInt64, staff: [User.ID], technicians: [User.ID], count: Int, start: Date, end: Date) {
        self.random = SeededRandom(seed: seed)
        self.staff = staff
        self.technicians = technicians
        self.count = count
        self.start = start
        self.end = end
    }

    static let subjects: [(thing: String, problems: [String])] = [
        ("printer", ["jams on every job", "prints blank pages", "is offline", "prints streaks", "shows a paper jam that is not there"]),
        ("VPN", ["drops every few minutes", "will not connect from home", "is very slow", "asks for the password again and again"]),
        ("email", ["is not arriving", "bounces for one customer", "attachments are blocked", "stuck in the outbox"]),
        ("Outlook", ["does not sync the calendar", "crashes on start", "search finds nothing", "keeps asking for the password"]),
        ("laptop", ["battery drains fast", "will not turn on", "overheats", "is very slow since the update", "screen flickers"]),
        ("password", ["expired and cannot be reset", "reset link does not arrive", "locked out after the change"]),
        ("Wi-Fi", ["drops in the meeting room", "is slow on floor 3", "guest network does not work", "asks to sign in again"]),
        ("monitor", ["stays black", "flickers", "shows the wrong resolution", "is not detected by the docking station"]),
        ("phone", ["has no dial tone", "voicemail is full", "drops calls", "cannot transfer calls"]),
        ("scanner", ["saves nothing to the share", "scans to email fail", "makes crooked scans"]),
        ("Teams", ["has no sound in meetings", "camera is not found", "chat messages arrive late", "screen sharing fails"]),
        ("shared drive", ["is not mapped", "says access denied", "is full", "files are read-only"]),
        ("keyboard", ["types the wrong characters", "keys stick", "wireless keyboard lags"]),
        ("accounting software", ["license expired", "will not open the company file", "prints invoices wrong"]),
        ("backup", ["failed last night", "reports missing files", "is very slow"]),
        ("projector", ["shows no picture", "HDMI cable does not work", "colours look wrong"]),
    ]
    static let places = [
        "on floor 2", "on floor 3", "in the meeting room", "at reception", "in the warehouse office", "in room 3.14",
        "next to the kitchen", "in accounting", "in the sales office", "at home",
    ]
    static let details = [
        "It started this morning.", "It has happened three times this week.", "Restarting did not help.",
        "Colleagues have the same problem.", "It worked fine yesterday.", "I need this for a customer meeting today.",
        "The error message says to contact the administrator.", "It only happens after lunch.",
        "Since the last update nothing works properly.", "I tried another cable already.",
    ]
    static let replies = [
        "I will have a look this afternoon.", "Can you send me a screenshot of the error?", "Please restart and try again.",
        "I replaced the cable; please check.", "This is a known issue; the vendor is working on it.",
        "Fixed: the driver was outdated.", "Still happening here.", "Thanks, it works again.",
        "I ordered a replacement part.", "Which version is installed? It is under Help > About.",
    ]

    /// The ticket at position `index` of `count` (older first).
    mutating func ticket(_ index: Int) -> BulkTicket {
        let subject = self.pick(Self.subjects)
        let problem = self.pick(subject.problems)
        let place = self.pick(Self.places)
        let title = "\(subject.thing.prefix(1).uppercased())\(subject.thing.dropFirst()) \(problem) \(place)"
        let description = "The \(subject.thing) \(place) \(problem). " + (0..<2).map { _ in self.pick(Self.details) }.joined(separator: " ")
        let age = Double(index) / Double(max(self.count, 1))
        let span = self.end.timeIntervalSince(self.start)
        let createdAt = Date(millisecondsSince1970: self.start.addingTimeInterval(span * age).millisecondsSince1970 + Int64(index % 1000))
        let status = self.status(age: age)
        let author = self.pick(self.staff)
        let technician = self.pick(self.technicians)
        let changed = status != .incoming
        let updatedAt = changed ? createdAt.addingTimeInterval(Double(self.random.next(upTo: 72 * 3600)) + 60) : nil
        var comments: [BulkComment] = []
        for offset in 0..<self.random.next(upTo: 3) {
            let fromTechnician = offset % 2 == 0
            comments.append(
                BulkComment(
                    authorID: fromTechnician ? technician : author,
                    content: self.pick(Self.replies),
                    createdAt: createdAt.addingTimeInterval(Double(offset + 1) * 1800)
                )
            )
        }
        return BulkTicket(
            title: title, description: description, priority: self.priority(), status: status, createdByID: author,
            assignedToID: changed ? technician : nil, createdAt: createdAt, updatedAt: updatedAt,
            resolvedAt: status == .resolved || status == .closed ? updatedAt : nil, closedAt: status == .closed ? updatedAt : nil,
            comments: comments
        )
    }

    /// Old tickets are mostly closed; the newest tenth is the live queue.
    private mutating func status(age: Double) -> TicketStatus {
        let roll = self.random.next(upTo: 100)
        if age < 0.9 {
            return roll < 75 ? .closed : roll < 95 ? .resolved : .onHold
        }
        return [TicketStatus.incoming, .incoming, .open, .open, .inProgress, .inProgress, .onHold, .resolved][roll % 8]
    }

    private mutating func priority() -> TicketPriority {
        let roll = self.random.next(upTo: 100)
        return roll < 30 ? .low : roll < 75 ? .medium : roll < 95 ? .high : .emergency
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[self.random.next(upTo: items.count)]
    }
}

/// SplitMix64: a small, fast, seedable generator, so the same seed gives the same data.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`.
    mutating func next(upTo bound: Int) -> Int {
        Int(self.next() % UInt64(bound))
    }
}
