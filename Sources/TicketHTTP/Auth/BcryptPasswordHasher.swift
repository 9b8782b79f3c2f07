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
/// bcrypt reads at most 72 bytes; longer passwords (the API allows 128 characters) are first
/// reduced with SHA-256 so that every character counts.
public struct BcryptPasswordHasher: PasswordHasher {
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
        self.timingDummyHash = Bcrypt.hash(UUID().uuidString, cost: cost)
        self.queue = PasswordWorkQueue(maxRunning: System.coreCount, maxWaiting: maxWaiting ?? 2 * System.coreCount)
    }

    public func hash(_ password: String) async throws -> String {
        let input = Self.bcryptInput(password)
        let cost = self.cost
        return try await self.queue.run { try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: cost) } }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        let input = Self.bcryptInput(password)
        return try await self.queue.run { try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) } }
    }

    private static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
