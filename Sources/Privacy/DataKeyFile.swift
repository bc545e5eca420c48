import Foundation

/// `DATA_DIR/keys/data-keys.json` (mode 0600): the encryption keys added by rotation and the state
/// of the envelopes in the store. A rotation first adds the new key and marks itself `rotating`,
/// then re-seals every row, then clears the mark and stops accepting unbound envelopes; a crash in
/// between leaves the mark, and running the command again finishes the same rotation.
public struct DataKeyFile: Codable, Sendable, Equatable {
    /// Base64 of 32-byte keys, oldest first.
    var keyList: [String]
    public var acceptsLegacyEnvelopes: Bool
    public var rotating: Bool
    /// How many audit entries were written before the chain was keyed (0 for a store this version
    /// created): verification refuses an unkeyed entry after them. Kept here, out of the database,
    /// so whoever can write to the database cannot pass a rewritten chain off as an old one.
    public var legacyAuditEntries: Int64?

    enum CodingKeys: String, CodingKey {
        case keyList = "keys", acceptsLegacyEnvelopes, rotating, legacyAuditEntries
    }

    public init(keys: [Data], acceptsLegacyEnvelopes: Bool, rotating: Bool, legacyAuditEntries: Int64? = nil) {
        self.keyList = keys.map { $0.base64EncodedString() }
        self.acceptsLegacyEnvelopes = acceptsLegacyEnvelopes
        self.rotating = rotating
        self.legacyAuditEntries = legacyAuditEntries
    }

    public var keys: [Data] { keyList.compactMap { Data(base64Encoded: $0) } }

    static func file(in directory: URL) -> URL { directory.appendingPathComponent("data-keys.json") }

    /// Nil when the key directory has no ring file (it predates rotation).
    public static func load(directory: URL) throws -> DataKeyFile? {
        let file = file(in: directory)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let ring: DataKeyFile
        do {
            ring = try JSONDecoder().decode(DataKeyFile.self, from: try KeyMaterial.readPrivate(file))
        } catch let error as VaultError {
            throw error
        } catch {
            throw VaultError.badKeyFile("\(file.path) is not a data-key list: \(error)")
        }
        guard ring.keys.count == ring.keyList.count, ring.keys.allSatisfy({ $0.count == 32 }) else {
            throw VaultError.badKeyFile("\(file.path): every key must be base64 of exactly 32 bytes")
        }
        return ring
    }

    public func save(directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try KeyMaterial.writePrivate(try encoder.encode(self), to: Self.file(in: directory))
    }

    /// Starts a rotation (a new key that seals from now on), or returns the one a crash interrupted.
    /// Refused when the keys come from the environment: there is no file to add a key to.
    public static func beginRotation(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (ring: DataKeyFile, resumed: Bool) {
        if let fromEnv = environment[KeyMaterial.environmentVariable], !fromEnv.isEmpty {
            throw VaultError.badKeyFile(
                "the personal-data key comes from \(KeyMaterial.environmentVariable): rotation writes a new key to \(file(in: directory).path), so run it with the key file instead")
        }
        _ = try KeyMaterial.loadOrCreate(directory: directory, environment: [:])
        var ring = try load(directory: directory) ?? DataKeyFile(keys: [], acceptsLegacyEnvelopes: true, rotating: false)
        if ring.rotating { return (ring, true) }
        ring.keyList.append(KeyMaterial.randomKey().base64EncodedString())
        ring.rotating = true
        try ring.save(directory: directory)
        return (ring, false)
    }

    /// For a key directory older than the ring file (an upgraded store): records, before anything
    /// else is written, that the audit entries up to `head` may be unkeyed and none after. Nothing
    /// when the ring already holds the number or the keys come from the environment. True when it wrote.
    @discardableResult
    public static func recordAuditBoundary(
        directory: URL, head: Int64, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Bool {
        if let fromEnv = environment[KeyMaterial.environmentVariable], !fromEnv.isEmpty { return false }
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("personal-data.key").path) else { return false }
        // A ring without the number (a rotation begun on an upgraded store before any other start) gets it too.
        var ring = try load(directory: directory) ?? DataKeyFile(keys: [], acceptsLegacyEnvelopes: true, rotating: false)
        guard ring.legacyAuditEntries == nil else { return false }
        ring.legacyAuditEntries = head
        try ring.save(directory: directory)
        return true
    }

    /// Ends a rotation once every row is sealed under the newest key: from now on an envelope without
    /// its key id and row no longer opens.
    public static func finishRotation(directory: URL) throws {
        guard var ring = try load(directory: directory) else { return }
        ring.rotating = false
        ring.acceptsLegacyEnvelopes = false
        try ring.save(directory: directory)
    }
}
