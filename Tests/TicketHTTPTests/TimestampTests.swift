import Foundation
import Testing
import TicketCore
import TicketHTTP

/// The hand-written timestamp format, against calendar arithmetic done by Foundation.
@Suite("Timestamps")
struct TimestampTests {
    @Test func matchesTheGregorianCalendarToTheMillisecond() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = SystemRandomNumberGenerator()
        var milliseconds: [Int64] = [
            0, 5, 951_782_400_000,  // 2000-02-29
            4_107_542_399_999,  // 2100-02-28T23:59:59.999
            1_795_609_044_123, 253_402_300_799_999,  // 9999-12-31T23:59:59.999
        ]
        for _ in 0..<20_000 {
            milliseconds.append(Int64.random(in: 0...253_402_300_799_999, using: &generator))
        }
        for ms in milliseconds {
            // Whole seconds are exact in a Double, so the calendar sees the right second.
            let parts = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(ms / 1000))
            )
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
                parts.second!, Int(ms % 1000)
            )
            #expect(APIJSON.timestamp(Date(millisecondsSince1970: ms)) == expected, "\(ms)")
        }
        #expect(APIJSON.timestamp(Date(millisecondsSince1970: 1_795_609_044_123)) == "2026-11-25T12:17:24.123Z")
        // Past year 9999 the year takes more digits.
        #expect(APIJSON.timestamp(Date(millisecondsSince1970: 253_402_300_800_007)) == "10000-01-01T00:00:00.007Z")
    }

    @Test func millisecondsSurviveTheRoundTripThroughDate() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let ms = Int64.random(in: 0...253_402_300_799_999, using: &generator)
            #expect(Date(millisecondsSince1970: ms).millisecondsSince1970 == ms, "\(ms)")
        }
    }
}
