import Foundation

extension Date {
    /// The date at the millisecond precision every store keeps: dates are rounded so before they
    /// are written (else two tickets within a millisecond would sort by time in SQL but by id
    /// once read back) and when read (PostgreSQL stores microseconds, and the round trip through
    /// them is not exact in floating point).
    var atMilliseconds: Date {
        Date(timeIntervalSince1970: (self.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
