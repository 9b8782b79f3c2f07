import Foundation
import Testing
import TicketCore

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
        let newest = TicketSort.default.cursorOrdering
        let cursor = PageCursor(key: 1_790_000_000_123, id: 42)
        let text = cursor.encoded(ordering: newest)
        #expect(try PageCursor(decoding: text, ordering: newest) == cursor)
        #expect(throws: TicketError.self) { try PageCursor(decoding: text, ordering: TicketSort(field: .priority, descending: false).cursorOrdering) }
        #expect(throws: TicketError.self) { try PageCursor(decoding: "not-a-cursor", ordering: newest) }
        #expect(throws: TicketError.self) { try PageInput(limit: "ten").parse(ordering: .id) }
        #expect(try PageInput(limit: "5000").parse(ordering: .id).limit == PageRequest.maximumLimit)
        #expect(try PageInput().parse(ordering: .id).limit == PageRequest.defaultLimit)
    }

    /// Forged cursors: every one is a 400 `errors.cursor`, never a value a store must cope with.
    @Test(arguments: [
        ("v1|-created_at|9223372036854775807|1", TicketSort.default),
        ("v1|-created_at|253402300800000|1", TicketSort.default),
        ("v1|-created_at|-1|1", TicketSort.default),
        ("v1|-created_at|-9223372036854775808|1", TicketSort.default),
        ("v1|updated_at|1790000000000|0", TicketSort(field: .updatedAt, descending: false)),
        ("v1|updated_at|1790000000000|-7", TicketSort(field: .updatedAt, descending: false)),
        ("v1|-priority|5|1", TicketSort(field: .priority, descending: true)),
        ("v1|-priority|0|1", TicketSort(field: .priority, descending: true)),
        ("v1|-priority|3|99999999999999999999", TicketSort(field: .priority, descending: true)),
        ("v1|-created_at|1790000000000", TicketSort.default),
        ("v1|-created_at|1790000000000|1|2", TicketSort.default),
        ("v2|-created_at|1790000000000|1", TicketSort.default),
        ("v1|title|1790000000000|1", TicketSort.default),
        ("v1|-created_at| 1790000000000|1", TicketSort.default),
        ("v1|-created_at|1.5e12|1", TicketSort.default),
    ])
    func forgedCursorsAreRefused(raw: String, sort: TicketSort) {
        let text = Data(raw.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        #expect(throws: TicketError.self) { try PageCursor(decoding: text, ordering: sort.cursorOrdering) }
        do {
            _ = try PageInput(cursor: text).parse(ordering: sort.cursorOrdering)
            Issue.record("accepted \(raw)")
        } catch {
            #expect(error.fieldErrors["cursor"] != nil)
        }
    }

    @Test func cursorsAtTheEdgesOfTheirRangeAreAccepted() throws {
        let newest = TicketSort.default.cursorOrdering
        for key in [Date.storableMilliseconds.lowerBound, Date.storableMilliseconds.upperBound] {
            let cursor = PageCursor(key: key, id: Int64.max)
            #expect(try PageCursor(decoding: cursor.encoded(ordering: newest), ordering: newest) == cursor)
        }
        #expect(throws: TicketError.self) { try PageCursor(decoding: "v1|id|1|1==", ordering: .id) }
        #expect(throws: TicketError.self) { try PageCursor(decoding: String(repeating: "A", count: 400), ordering: .id) }
        #expect(throws: TicketError.self) { try PageCursor(decoding: "dj F8aWR8MXwx", ordering: .id) }
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

@Suite("Search words")
struct SearchWordsTests {
    /// A `q` search looks for each distinct word once, at most 16 of them.
    @Test func repeatsAreDroppedAndSixteenWordsKept() {
        #expect(SearchText.searchWords(Array(repeating: "printer", count: 125).joined(separator: " ")) == "printer")
        #expect(SearchText.searchWords("Printer printer, PRINTER jams!") == "Printer jams")
        let many = (1...20).map { "word\($0)" }.joined(separator: " ")
        #expect(SearchText.searchWords(many) == (1...16).map { "word\($0)" }.joined(separator: " "))
        #expect(SearchText.searchWords("!!!") == "")
    }
}
