import Crypto
import Foundation

/// The personal-data keys. `DATA_DIR/keys/personal-data.key` (mode 0600), or the environment variable
/// `CORDON_PERSONAL_DATA_KEY` (base64 of 64 bytes) so a deployment can keep them out of the data
/// directory and its backups, holds the first encryption key and the index key. The index key never
/// changes (every blind index and the audit chain depend on it); encryption keys are rotated:
/// `DATA_DIR/keys/data-keys.json` lists the newer ones (see `DataKeyFile`).
public struct KeyMaterial: Sendable {
    /// The first encryption key, from the key file or the environment.
    public let encryption: Data
    public let index: Data
    /// Encryption keys added by `cordon keys rotate-data-key`, oldest first; the last seals.
    public var rotated: [Data]
    /// Whether envelopes sealed before they carried a key id and their row (stores written by
    /// Cordon before envelope format 2) still open. True only for a store that may hold such rows and
    /// has not been re-sealed since.
    public var acceptsLegacyEnvelopes: Bool
    /// Audit entries written before the chain was keyed (see `DataKeyFile.legacyAuditEntries`); nil
    /// when unknown (keys from the environment).
    public var legacyAuditEntries: Int64? = 0

    public init(encryption: Data, index: Data, rotated: [Data] = [], acceptsLegacyEnvelopes: Bool = false) {
        self.encryption = encryption
        self.index = index
        self.rotated = rotated
        self.acceptsLegacyEnvelopes = acceptsLegacyEnvelopes
    }

    public static let environmentVariable = "CORDON_PERSONAL_DATA_KEY"

    /// Fresh random keys.
    public static func generate() -> KeyMaterial {
        KeyMaterial(encryption: randomKey(), index: randomKey())
    }

    static func randomKey() -> Data { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }

    /// 64 bytes: encryption key then index key.
    public init(base64: String, acceptsLegacyEnvelopes: Bool = false) throws {
        guard let raw = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 64 else {
            throw VaultError.badKeyFile("personal-data key must be base64 of exactly 64 bytes")
        }
        self.init(encryption: raw.prefix(32), index: raw.suffix(32), acceptsLegacyEnvelopes: acceptsLegacyEnvelopes)
    }

    public var base64: String { (encryption + index).base64EncodedString() }

    /// Loads the keys from the environment, else from `directory`, creating them (mode 0600) on
    /// first use. Refuses a key file that others can read.
    ///
    /// A key taken from the environment opens envelopes of either format (the store it serves may
    /// predate format 2, and nothing outside the environment records otherwise); a key directory
    /// created by this version refuses the old format from the start.
    public static func loadOrCreate(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KeyMaterial {
        if let fromEnv = environment[environmentVariable], !fromEnv.isEmpty {
            // Rotated keys live in the key directory's ring file: taking the key from the
            // environment would ignore them, and every re-sealed row would stop opening.
            if let ring = try DataKeyFile.load(directory: directory), !ring.keys.isEmpty {
                throw VaultError.badKeyFile(
                    "\(environmentVariable) is set but \(DataKeyFile.file(in: directory).path) holds rotated keys: use the key directory, not the environment")
            }
            var keys = try KeyMaterial(base64: fromEnv, acceptsLegacyEnvelopes: true)
            keys.legacyAuditEntries = nil
            return keys
        }
        let fm = FileManager.default
        let file = directory.appendingPathComponent("personal-data.key")
        if fm.fileExists(atPath: file.path) {
            var keys = try KeyMaterial(base64: String(decoding: try readPrivate(file), as: UTF8.self))
            let ring = try DataKeyFile.load(directory: directory)
            keys.rotated = ring?.keys ?? []
            // No ring file: the key directory predates format 2, so its store may hold old envelopes.
            keys.acceptsLegacyEnvelopes = ring?.acceptsLegacyEnvelopes ?? true
            // A ring written before the boundary was recorded leaves it unknown (nil): any unkeyed prefix.
            keys.legacyAuditEntries = ring == nil ? nil : ring?.legacyAuditEntries
            return keys
        }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keys = generate()
        try writePrivate(Data(keys.base64.utf8), to: file)
        try DataKeyFile(keys: [], acceptsLegacyEnvelopes: false, rotating: false, legacyAuditEntries: 0).save(directory: directory)
        return keys
    }

    /// A key file's bytes, refused when its mode lets others read it.
    static func readPrivate(_ file: URL) throws -> Data {
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        if let mode = attributes[.posixPermissions] as? NSNumber, mode.intValue & 0o077 != 0 {
            throw VaultError.badKeyFile("\(file.path) is readable by others (mode \(String(mode.intValue, radix: 8))): run chmod 600")
        }
        return try Data(contentsOf: file)
    }

    /// Writes a key file of mode 0600 through a temporary file and a rename, so a crash leaves
    /// either the old file or the new one.
    static func writePrivate(_ data: Data, to file: URL) throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).new")
        try? FileManager.default.removeItem(at: temporary)
        guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw VaultError.badKeyFile("cannot write \(temporary.path)")
        }
        // On disk before anything is sealed with it: a power cut must not lose the only copy of a key.
        let handle = try FileHandle(forWritingTo: temporary)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary.path, file.path) == 0 else { throw VaultError.badKeyFile("cannot replace \(file.path)") }
        let directory = open(file.deletingLastPathComponent().path, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }
}
