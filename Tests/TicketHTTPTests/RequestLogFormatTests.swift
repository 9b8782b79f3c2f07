import Testing

@testable import TicketHTTP

/// The request log's hand-made number formatting (``RequestLogMiddleware``).
struct RequestLogFormatTests {
    @Test(arguments: [
        (Duration.zero, "0.00"), (.microseconds(50), "0.05"), (.microseconds(1_009), "1.00"), (.microseconds(12_345), "12.34"),
        (.milliseconds(250), "250.00"), (.seconds(3) + .microseconds(70), "3000.07"), (.seconds(-1), "0.00"),
    ])
    func durationsAreMillisecondsWithTwoDecimals(_ duration: Duration, _ expected: String) {
        #expect(RequestLogMiddleware.milliseconds(duration) == expected)
    }

    @Test func idsAreSixteenZeroPaddedHexDigits() {
        #expect(RequestLogMiddleware.hex(0) == "0000000000000000")
        #expect(RequestLogMiddleware.hex(0xAB) == "00000000000000ab")
        #expect(RequestLogMiddleware.hex(.max) == "ffffffffffffffff")
    }
}
