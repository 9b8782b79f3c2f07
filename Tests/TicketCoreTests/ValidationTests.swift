import TicketCore
import Testing

@Suite("Validation")
struct ValidationTests {
    @Test(arguments: [
        (" In Progress ", TicketStatus.inProgress), ("OPEN", .open), ("on hold", .onHold), ("closed\n", .closed),
    ])
    func statusParsesCaseInsensitivelyAndTrimmed(_ text: String, _ expected: TicketStatus) {
        #expect(TicketStatus(parsing: text) == expected)
    }

    @Test func unknownEnumValuesDoNotParse() {
        #expect(TicketStatus(parsing: "in-progress") == nil)
        #expect(TicketStatus(parsing: "") == nil)
        #expect(TicketPriority(parsing: "urgent") == nil)
        #expect(TicketPriority(parsing: " Emergency ") == .emergency)
        #expect(TicketPriority.low < .medium && TicketPriority.high < .emergency)
    }

    @Test(arguments: [
        ("John.Doe@Example.com ", "john.doe@example.com"), ("admin@localhost", "admin@localhost"),
        ("a+tag@sub.example.org", "a+tag@sub.example.org"),
    ])
    func validEmailsAreNormalised(_ raw: String, _ expected: String) {
        #expect(EmailAddress.normalize(raw) == expected)
    }

    @Test(arguments: ["", "plain", "@example.com", "a@", "a@@b.com", "a b@example.com", "a@exa mple.com", "a@-x.com", "a..b@x.com", "a@x..com"])
    func invalidEmailsAreRejected(_ raw: String) {
        #expect(EmailAddress.normalize(raw) == nil)
    }

    @Test func limitsLiveInOnePlace() {
        #expect(ValidationLimits.name == 1...100)
        #expect(ValidationLimits.password == 8...128)
        #expect(ValidationLimits.title == 1...200)
        #expect(ValidationLimits.description == 1...20_000)
        #expect(ValidationLimits.comment == 1...20_000)
    }

    @Test func sortParsesWithOptionalMinus() {
        #expect(TicketSort(parsing: "-priority") == TicketSort(field: .priority, descending: true))
        #expect(TicketSort(parsing: "updated_at") == TicketSort(field: .updatedAt, descending: false))
        #expect(TicketSort(parsing: "title") == nil)
        #expect(TicketSort.default.name == "-created_at")
    }

    @Test func cursorsRoundTripAndRejectGarbage() throws {
        let cursor = PageCursor(key: 1_790_000_000_123, id: 42)
        let text = cursor.encoded(ordering: "-created_at")
        #expect(try PageCursor(decoding: text, ordering: "-created_at") == cursor)
        #expect(throws: TicketError.self) { try PageCursor(decoding: text, ordering: "priority") }
        #expect(throws: TicketError.self) { try PageCursor(decoding: "not-a-cursor", ordering: "-created_at") }
        #expect(throws: TicketError.self) { try PageInput(limit: "ten").parse(ordering: "id") }
        #expect(try PageInput(limit: "5000").parse(ordering: "id").limit == PageRequest.maximumLimit)
        #expect(try PageInput().parse(ordering: "id").limit == PageRequest.defaultLimit)
    }
}

@Suite("Search text")
struct SearchTextTests {
    @Test func keywordsDropStopWordsPunctuationAndRepeats() {
        #expect(SearchText.keywords("The printer's on floor 2 -- it JAMS, the printer!") == ["printer", "floor", "jams"])
        #expect(SearchText.keywords("\" OR NEAR(*) '; DROP TABLE") == ["near", "drop", "table"])
        #expect(SearchText.keywords("a an the") == [])
        #expect(SearchText.keywords(String(repeating: "word ", count: 3) + (1...30).map { "w\($0)" }.joined(separator: " "), limit: 4).count == 4)
    }

    @Test func crudeStemsMatchCommonForms() {
        #expect(SearchText.stem("printers") == SearchText.stem("printer"))
        #expect(SearchText.stem("jammed") == SearchText.stem("jams"))
        #expect(SearchText.stem("crashing") == SearchText.stem("crash"))
    }
}
