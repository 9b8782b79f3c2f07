import Crypto
import Foundation
import HummingbirdBcrypt
import NIOCore
import NIOPosix
public import TicketCore

/// bcrypt through HummingbirdBcrypt, run on NIO's thread pool so hashing never blocks the
/// event loop or the cooperative executor, through a bounded ``PasswordWorkQueue``: one hash
/// per core at once, twice as many waiting, and a 503 for anyone beyond that.
///
/// bcrypt reads at most 72 bytes, and the API allows 128 characters. Every password is
/// therefore first turned into the base64 of its HMAC-SHA256 (44 characters), and that is what
/// bcrypt hashes; stored hashes carry the ``scheme`` prefix. (The HMAC key is a fixed label, not
/// a secret: its job is an input of one shape for every password, so that no other text, such
/// as a long password's digest, is accepted in its place. A secret key would lock every account
/// out the day it was lost.) Hashes of the earlier scheme (bcrypt of the password itself, or of
/// the base64 SHA-256 of a password over 72 bytes) are still checked, never with a text shaped
/// like such a digest, and replaced at the next login (``needsRehash(_:)``).
public struct BcryptPasswordHasher: PasswordHasher {
    /// The prefix of hashes of the current scheme.
    public static let scheme = "hmac-sha256$"
    /// The HMAC key: a label, the same on every server.
    private static let key = SymmetricKey(data: Array("ticket-server password input v1".utf8))

    /// log2 of the work factor; 12 by default.
    public let cost: UInt8
    public let timingDummyHash: String
    /// Where hashes wait for a thread.
    public let queue: PasswordWorkQueue

    /// Creates a hasher; computes the timing dummy hash once, here.
    /// - Parameters:
    ///   - cost: log2 of the work factor.
    ///   - maxWaiting: Hashes that may wait for a thread; `nil`: twice the cores.
    public init(cost: UInt8 = 12, maxWaiting: Int? = nil) {
        self.cost = cost
        self.timingDummyHash = Self.scheme + Bcrypt.hash(Self.bcryptInput(UUID().uuidString), cost: cost)
        self.queue = PasswordWorkQueue(maxRunning: System.coreCount, maxWaiting: maxWaiting ?? 2 * System.coreCount)
    }

    public func hash(_ password: String) async throws -> String {
        let input = Self.bcryptInput(password)
        let cost = self.cost
        return Self.scheme + (try await self.queue.run { try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) } })
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let (input, bcryptHash): (String, Substring)
        if hash.hasPrefix(Self.scheme) {
            (input, bcryptHash) = (Self.bcryptInput(password), hash.dropFirst(Self.scheme.count))
        } else {
            guard let legacy = Self.legacyBcryptInput(password) else { return false }
            (input, bcryptHash) = (legacy, hash[...])
        }
        let stored = String(bcryptHash)
        return try await self.queue.run { try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: stored) } }
    }

    public func needsRehash(_ hash: String) -> Bool {
        !hash.hasPrefix(Self.scheme)
    }

    /// What bcrypt hashes for `password`: the base64 of its HMAC-SHA256.
    static func bcryptInput(_ password: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(password.utf8), using: Self.key)).base64EncodedString()
    }

    /// What the earlier scheme hashed; `nil` for a text shaped like the base64 of a SHA-256
    /// (44 characters ending in `=`), which that scheme would take for a longer password.
    static func legacyBcryptInput(_ password: String) -> String? {
        guard password.utf8.count > 72 else {
            let digestShaped = password.utf8.count == 44 && password.hasSuffix("=") && Data(base64Encoded: password)?.count == 32
            return digestShaped ? nil : password
        }
        return Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
