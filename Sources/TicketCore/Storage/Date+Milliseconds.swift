public import Foundation

extension Date {
    /// The instants the ticket system stores and accepts, in milliseconds since 1970: from
    /// 1970-01-01 to the end of 9999, which every store, driver and timestamp writer handles
    /// without overflow.
    public static let storableMilliseconds: ClosedRange<Int64> = 0...253_402_300_799_999

    /// Milliseconds since 1970, the precision every store keeps. Rounded to the nearest: a
    /// `Double` holds most millisecond instants only approximately, and rounding down turned
    /// some of them into the millisecond before.
    public var millisecondsSince1970: Int64 { Int64((self.timeIntervalSince1970 * 1000).rounded()) }

    /// A date from milliseconds since 1970.
    /// - Parameters:
    ///   - ms: Milliseconds since 1970-01-01 00:00 UTC.
    public init(millisecondsSince1970 ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }
}
