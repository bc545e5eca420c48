import Crypto
import Domain

/// The opaque token an entry is published under: lowercase hex HMAC-SHA256 of the round and the
/// person under the round's own key, which never leaves the server, so no one can link a token to
/// an identity by trying identity numbers; the entrant is shown their own.
public enum RoundToken {
    public static func newKey() -> [UInt8] { Lottery.newSeed() }

    public static func token(key: [UInt8], round: String, person: String) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: key))
        mac.update(data: Array("\(round)\n\(person)".utf8))
        return Hex.encode(mac.finalize())
    }
}
