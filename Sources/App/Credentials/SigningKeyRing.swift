import Credentials
import Domain
import Crypto
import Foundation

/// The health-code signing keys in `DATA_DIR/keys/signing/`: private keys in files of mode 0600, and
/// `keys.json` with each key's state. A key is published (`next`) before it signs, signs while
/// `active`, and stays in the trust list after it is `retired` until its last code has expired.
/// A root key signs the trust list itself, so scanners and other regions can check it offline.
public struct SigningKeyRing: Sendable {
    public let directory: URL
    /// The trust list as last read from this ring's files (shared by the copies of the ring, so by
    /// every request of the process that made it).
    let trustListCache = TrustListCache()

    public init(dataDirectory: URL) {
        self.directory = dataDirectory.appendingPathComponent("keys/signing")
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var kid: String
        public var publicKey: String  // base64 of the uncompressed point
        public var createdAt: Date
        public var state: State
        public var retiredAt: Date?

        public enum State: String, Codable, Sendable { case next, active, retired }
    }

    var index: URL { directory.appendingPathComponent("keys.json") }

    public func entries() throws -> [Entry] {
        guard FileManager.default.fileExists(atPath: index.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode([Entry].self, from: Data(contentsOf: index))
    }

    func save(_ entries: [Entry]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        try encoder.encode(entries).write(to: index, options: .atomic)
        trustListCache.forget()
    }

    /// Creates the root key, an active key and the next one, when there are none.
    @discardableResult
    public func ensure(now: Date) throws -> [Entry] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: rootFile.path) { try writePrivate(P256.Signing.PrivateKey(), to: rootFile) }
        var list = try entries()
        if list.isEmpty {
            list = [try newKey(now: now, state: .active), try newKey(now: now, state: .next)]
            try save(list)
        }
        return list
    }

    /// The next key starts signing, the active one retires, and a new next key is published.
    public func rotate(now: Date) throws -> [Entry] {
        var list = try ensure(now: now)
        for i in list.indices where list[i].state == .active {
            list[i].state = .retired
            list[i].retiredAt = now
        }
        if let next = list.firstIndex(where: { $0.state == .next }) { list[next].state = .active }
        list.append(try newKey(now: now, state: .next))
        try save(list)
        return list
    }

    /// The key that signs now.
    public func activeKey(now: Date) throws -> (kid: [UInt8], key: P256.Signing.PrivateKey) {
        let list = try ensure(now: now)
        guard let active = list.first(where: { $0.state == .active }) else { throw KeyRingError.noActiveKey }
        let key = try P256.Signing.PrivateKey(rawRepresentation: Data(contentsOf: file(for: active.kid)))
        return (TrustList.keyID(key.publicKey), key)
    }

    /// Every key a verifier must accept now: next, active, and retired ones whose codes may still live.
    public func trustedKeys(now: Date, longestLifetime: TimeInterval) throws -> [Entry] {
        try ensure(now: now).filter { $0.state != .retired || ($0.retiredAt.map { $0.addingTimeInterval(longestLifetime) > now } ?? false) }
    }

    public func trustList(now: Date, longestLifetime: TimeInterval, revoked: Set<[UInt8]>) throws -> TrustList {
        var keys: [[UInt8]: P256.Signing.PublicKey] = [:]
        var issuerKeys: [[UInt8]: IssuerKeyVerifier] = [:]
        for e in try trustedKeys(now: now, longestLifetime: longestLifetime) {
            guard let raw = Data(base64Encoded: e.publicKey) else { continue }
            let key = try P256.Signing.PublicKey(x963Representation: raw)
            keys[TrustList.keyID(key)] = key
            if let own = issuerKey(e.kid, publishedAs: key) { issuerKeys[TrustList.keyID(key)] = own }
        }
        return TrustList(keys: keys, revoked: revoked, issuerKeys: issuerKeys)
    }

    /// The private half of a published key, when its file is here and matches it. Without it the
    /// key's codes are verified with the public key: the same answers, twice the work.
    private func issuerKey(_ kid: String, publishedAs key: P256.Signing.PublicKey) -> IssuerKeyVerifier? {
        guard let raw = FileManager.default.contents(atPath: file(for: kid).path),
            let privateKey = try? P256.Signing.PrivateKey(rawRepresentation: raw), privateKey.publicKey.x963Representation == key.x963Representation
        else { return nil }
        return IssuerKeyVerifier(privateKey)
    }

    public func rootPublicKey() throws -> P256.Signing.PublicKey { try rootKey().publicKey }

    func rootKey() throws -> P256.Signing.PrivateKey { try P256.Signing.PrivateKey(rawRepresentation: Data(contentsOf: rootFile)) }

    /// Signs bytes (the trust-list document) with the root key; raw r‖s.
    func signWithRoot(_ bytes: [UInt8]) throws -> [UInt8] { Array(try rootKey().signature(for: bytes).rawRepresentation) }

    var rootFile: URL { directory.appendingPathComponent("root.key") }
    func file(for kid: String) -> URL { directory.appendingPathComponent("\(kid).key") }

    private func newKey(now: Date, state: Entry.State) throws -> Entry {
        let key = P256.Signing.PrivateKey()
        let kid = Hex.encode(TrustList.keyID(key.publicKey))
        try writePrivate(key, to: file(for: kid))
        return Entry(kid: kid, publicKey: key.publicKey.x963Representation.base64EncodedString(), createdAt: now, state: state, retiredAt: nil)
    }

    private func writePrivate(_ key: P256.Signing.PrivateKey, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: key.rawRepresentation, attributes: [.posixPermissions: 0o600]) else {
            throw KeyRingError.cannotWrite(url.path)
        }
    }
}

public enum KeyRingError: Error, CustomStringConvertible {
    case noActiveKey
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .noActiveKey: "no active signing key: run `cordon keys rotate`"
        case .cannotWrite(let path): "cannot write the key file \(path)"
        }
    }
}
