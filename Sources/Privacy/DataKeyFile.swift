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

    enum CodingKeys: String, CodingKey {
        case keyList = "keys", acceptsLegacyEnvelopes, rotating
    }

    public init(keys: [Data], acceptsLegacyEnvelopes: Bool, rotating: Bool) {
        self.keyList = keys.map { $0.base64EncodedString() }
        self.acceptsLegacyEnvelopes = acceptsLegacyEnvelopes
        self.rotating = rotating
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

    /// Ends a rotation once every row is sealed under the newest key: from now on an envelope without
    /// its key id and row no longer opens.
    public static func finishRotation(directory: URL) throws {
        guard var ring = try load(directory: directory) else { return }
        ring.rotating = false
        ring.acceptsLegacyEnvelopes = false
        try ring.save(directory: directory)
    }
}
