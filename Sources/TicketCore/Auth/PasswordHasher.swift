/// Hashes and checks passwords. The HTTP adapter provides a bcrypt implementation that runs
/// off the event loop; tests may use a fast one.
public protocol PasswordHasher: Sendable {
    /// A salted hash of `password`.
    /// - Parameters:
    ///   - password: The password, as the user typed it.
    /// - Returns: The hash to store.
    /// - Throws: Whatever the implementation throws; bcrypt's turns callers away with
    ///   ``TicketError/Kind/busy`` when its ``PasswordWorkQueue`` is full.
    func hash(_ password: String) async throws -> String
    /// `true` when `password` matches `hash`.
    /// - Parameters:
    ///   - password: The password to check.
    ///   - hash: A stored hash, or ``timingDummyHash``.
    /// - Returns: `true` when `password` is the one `hash` was made from.
    /// - Throws: Whatever the implementation throws; bcrypt's turns callers away with
    ///   ``TicketError/Kind/busy`` when its ``PasswordWorkQueue`` is full.
    func verify(_ password: String, against hash: String) async throws -> Bool
    /// A valid hash of an unguessable password, checked against when an email is unknown so
    /// that a wrong email and a wrong password take about the same time.
    var timingDummyHash: String { get }
    /// `true` when `hash` was made the way an earlier version made them: a login that checked
    /// it then stores a new hash of the same password.
    /// - Parameters:
    ///   - hash: A stored hash that was just checked.
    /// - Returns: `true` when the hash should be replaced.
    func needsRehash(_ hash: String) -> Bool
}

extension PasswordHasher {
    /// Hashes of one scheme only: nothing to upgrade.
    /// - Parameters:
    ///   - hash: A stored hash.
    /// - Returns: `false`.
    public func needsRehash(_ hash: String) -> Bool { false }
}
