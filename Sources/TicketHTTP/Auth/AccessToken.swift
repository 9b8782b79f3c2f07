public import Foundation
import JWTKit
public import TicketCore

/// The claims of an access token: the user id as `sub`, the expiry, the user's session
/// generation when it was issued (`gen`; a token of an earlier generation is refused) and its
/// session (`sid`; a token whose session has ended is refused). A token without `sid` (issued
/// before sessions were recorded) is refused: its holder signs in again.
struct AccessTokenClaims: JWTPayload {
    var sub: SubjectClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var gen: Int
    var sid: Int64

    func verify(using algorithm: some JWTAlgorithm) throws {
        try self.exp.verifyNotExpired()
    }
}

/// Signs and verifies HS256 access tokens.
public struct TokenAuthority: Sendable {
    /// A signed token and when it expires.
    public struct IssuedToken: Sendable {
        public var token: String
        public var expiresAt: Date
    }

    /// A secret too short to sign HS256 tokens safely.
    public struct WeakSecretError: Error, CustomStringConvertible {
        public var description: String { "the JWT secret must be at least \(TokenAuthority.minimumSecretBytes) bytes long" }
    }

    /// How far a token's expiry may lie beyond ``lifetime`` from now (clocks of several servers).
    static let clockSkew: TimeInterval = 60

    /// HS256 needs a key at least as long as its 32-byte hash output.
    public static let minimumSecretBytes = 32

    private let keys: JWTKeyCollection
    private let verified = VerifiedTokens()
    /// How long a token is valid; 24 hours by default.
    public let lifetime: TimeInterval

    /// Creates an authority from a shared secret of at least ``minimumSecretBytes`` bytes.
    public init(secret: String, lifetime: TimeInterval = 24 * 60 * 60) async throws {
        guard secret.utf8.count >= Self.minimumSecretBytes else { throw WeakSecretError() }
        self.keys = JWTKeyCollection()
        await self.keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.lifetime = lifetime
    }

    /// The token of `session`, a session of `user` (see ``TicketService/startSession(for:lasting:userAgent:)``,
    /// given ``lifetime``): issued when the session began and expiring with it.
    public func issue(for user: User, session: Session) async throws -> IssuedToken {
        let claims = AccessTokenClaims(
            sub: .init(value: user.id.description), exp: .init(value: session.expiresAt), iat: .init(value: session.createdAt),
            gen: user.sessionGeneration, sid: session.id.rawValue
        )
        return IssuedToken(token: try await self.keys.sign(claims), expiresAt: session.expiresAt)
    }

    /// Who a valid token speaks for: the user, the session generation it was issued in, and its session.
    public struct Bearer: Sendable, Equatable {
        public var userID: User.ID
        public var sessionGeneration: Int
        public var sessionID: Session.ID
    }

    /// The bearer of a valid token; 401 for anything else (`alg` other than HS256 included, and
    /// a token that would outlive ``lifetime`` from now: however it was signed, no token is
    /// honoured for longer than the server issues them for).
    /// A token verified lately is answered from memory until it expires (``VerifiedTokens``).
    public func verify(_ token: String) async throws(TicketError) -> Bearer {
        if let bearer = self.verified.bearer(of: token, now: Date()) {
            return bearer
        }
        guard Self.headerAlgorithm(of: token) == "HS256" else { throw TicketError.unauthenticated("Invalid token") }
        do {
            let claims = try await self.keys.verify(token, as: AccessTokenClaims.self)
            guard let id = Int64(claims.sub.value), id > 0, claims.sid > 0,
                claims.exp.value.timeIntervalSinceNow <= self.lifetime + Self.clockSkew
            else { throw TicketError.unauthenticated("Invalid token") }
            let bearer = Bearer(userID: User.ID(id), sessionGeneration: claims.gen, sessionID: Session.ID(claims.sid))
            self.verified.remember(token, bearer: bearer, expiresAt: claims.exp.value)
            return bearer
        } catch {
            throw TicketError.unauthenticated("Invalid or expired token")
        }
    }

    private static func headerAlgorithm(of token: String) -> String? {
        guard let header = token.split(separator: ".", omittingEmptySubsequences: false).first else { return nil }
        var base64 = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["alg"] as? String
    }
}
