import Crypto
import Foundation

/// The two personal-data keys, kept in `DATA_DIR/keys/personal-data.key` (mode 0600) or given by
/// the environment variable `CORDON_PERSONAL_DATA_KEY` (base64 of 64 bytes), so a deployment can keep
/// them out of the data directory and its backups.
public struct KeyMaterial: Sendable {
    public let encryption: Data
    public let index: Data

    public init(encryption: Data, index: Data) {
        self.encryption = encryption
        self.index = index
    }

    public static let environmentVariable = "CORDON_PERSONAL_DATA_KEY"

    /// Fresh random keys.
    public static func generate() -> KeyMaterial {
        KeyMaterial(
            encryption: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) },
            index: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) })
    }

    /// 64 bytes: encryption key then index key.
    public init(base64: String) throws {
        guard let raw = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 64 else {
            throw VaultError.badKeyFile("personal-data key must be base64 of exactly 64 bytes")
        }
        self.init(encryption: raw.prefix(32), index: raw.suffix(32))
    }

    public var base64: String { (encryption + index).base64EncodedString() }

    /// Loads the key from the environment, else from `directory/personal-data.key`, creating it
    /// (mode 0600) on first use. Refuses a key file that others can read.
    public static func loadOrCreate(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KeyMaterial {
        if let fromEnv = environment[environmentVariable], !fromEnv.isEmpty {
            return try KeyMaterial(base64: fromEnv)
        }
        let fm = FileManager.default
        let file = directory.appendingPathComponent("personal-data.key")
        if fm.fileExists(atPath: file.path) {
            let attributes = try fm.attributesOfItem(atPath: file.path)
            if let mode = attributes[.posixPermissions] as? NSNumber, mode.intValue & 0o077 != 0 {
                throw VaultError.badKeyFile("\(file.path) is readable by others (mode \(String(mode.intValue, radix: 8))): run chmod 600")
            }
            return try KeyMaterial(base64: String(decoding: try Data(contentsOf: file), as: UTF8.self))
        }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let keys = generate()
        guard fm.createFile(atPath: file.path, contents: Data(keys.base64.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw VaultError.badKeyFile("cannot write \(file.path)")
        }
        return keys
    }
}
