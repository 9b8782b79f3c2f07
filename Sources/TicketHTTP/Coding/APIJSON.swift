public import Foundation
import TicketCore

/// The API's JSON conventions in one place.
public enum APIJSON {
    /// RFC 3339 UTC with milliseconds: `2026-11-25T12:17:24.123Z`.
    ///
    /// Written by hand from the milliseconds since 1970 (days to a civil date with Howard
    /// Hinnant's `civil_from_days`): every timestamp of every list item goes through here, and
    /// `Date.ISO8601FormatStyle` cost about a tenth of a list response's CPU time.
    public static func timestamp(_ date: Date) -> String {
        let milliseconds = date.millisecondsSince1970
        let (days, millisecondOfDay) = Self.floorDivision(milliseconds, 86_400_000)
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        let seconds = millisecondOfDay / 1000
        let fourDigitYear = (0...9999).contains(year)
        // Written into one buffer: appending the parts to a String cost as much again.
        let text = String(unsafeUninitializedCapacity: 24) { text in
            func put(_ value: Int64, digits: Int, at start: Int) {
                var value = value
                for index in stride(from: start + digits - 1, through: start, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
                    value /= 10
                }
            }
            put(fourDigitYear ? year : 0, digits: 4, at: 0)
            text[4] = UInt8(ascii: "-")
            put(month, digits: 2, at: 5)
            text[7] = UInt8(ascii: "-")
            put(day, digits: 2, at: 8)
            text[10] = UInt8(ascii: "T")
            put(seconds / 3600, digits: 2, at: 11)
            text[13] = UInt8(ascii: ":")
            put(seconds / 60 % 60, digits: 2, at: 14)
            text[16] = UInt8(ascii: ":")
            put(seconds % 60, digits: 2, at: 17)
            text[19] = UInt8(ascii: ".")
            put(millisecondOfDay % 1000, digits: 3, at: 20)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
        // A year of more (or fewer) than four digits is written whole.
        return fourDigitYear ? text : String(year) + text.dropFirst(4)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    private static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // March is 0
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
