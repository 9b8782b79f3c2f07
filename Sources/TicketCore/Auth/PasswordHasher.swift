/// Hashes and checks passwords. The HTTP adapter provides a bcrypt implementation that runs
/// off the event loop; tests may use a fast one.
public protocol PasswordHasher: Sendable {
    /// A salted hash of `password`.
    func hash(_ password: String) async throws -> String
    /// `true` when `password` matches `hash`.
    func verify(_ password: String, against hash: String) async throws -> Bool
    /// A valid hash of an unguessable password, checked against when an email is unknown so
    /// that a wrong email and a wrong password take about the same time.
    var timingDummyHash: String { get }
    /// `true` when `hash` was made the way an earlier version made them: a login that checked
    /// it then stores a new hash of the same password.
    func needsRehash(_ hash: String) -> Bool
}

extension PasswordHasher {
    /// Hashes of one scheme only: nothing to upgrade.
    public func needsRehash(_ hash: String) -> Bool { false }
}
