import Testing

@testable import TicketServer

/// The server's log lines stay one line each, whatever a request carried.
struct LogLineHandlerTests {
    @Test func controlCharactersAndLineSeparatorsAreEscaped() {
        #expect(LogLineHandler.oneLine("GET /tickets 200") == "GET /tickets 200")
        #expect(LogLineHandler.oneLine("a\nb\r\tc") == #"a\u{a}b\u{d}\u{9}c"#)
        #expect(LogLineHandler.oneLine("x\u{2028}y\u{85}z\u{7F}") == #"x\u{2028}y\u{85}z\u{7f}"#)
        #expect(LogLineHandler.oneLine("Grüße 🖨️") == "Grüße 🖨️")
    }
}
