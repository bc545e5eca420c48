import Domain

/// The protected fields of a resident in one small binary record, sealed as a unit: a version byte,
/// then for each of identity number, phone, address (and, from version 2, birth date as YYYY-MM-DD)
/// a presence byte, a 16-bit big-endian length and the UTF-8.
struct IdentityEnvelope: Equatable {
    var idNumber: String?
    var phone: String?
    var address: String?
    var birthDate: CalendarDate?

    var isEmpty: Bool { idNumber == nil && phone == nil && address == nil && birthDate == nil }

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(24 + (idNumber?.utf8.count ?? 0) + (phone?.utf8.count ?? 0) + (address?.utf8.count ?? 0))
        out.append(2)  // format version
        for field in [idNumber, phone, address, birthDate?.description] { Self.append(field, to: &out) }
        return out
    }

    private static func append(_ field: String?, to out: inout [UInt8]) {
        guard let field else {
            out.append(0)
            return
        }
        let utf8 = field.utf8.prefix(65535)
        out.append(1)
        out.append(UInt8(utf8.count >> 8))
        out.append(UInt8(utf8.count & 0xFF))
        out.append(contentsOf: utf8)
    }

    init(idNumber: String? = nil, phone: String? = nil, address: String? = nil, birthDate: CalendarDate? = nil) {
        self.idNumber = idNumber
        self.phone = phone
        self.address = address
        self.birthDate = birthDate
    }

    /// Reads an envelope of version 1 (three fields) or 2 (four); malformed bytes (which AES-GCM
    /// authentication makes all but impossible) throw.
    init(decoding bytes: [UInt8]) throws {
        guard let version = bytes.first, version == 1 || version == 2 else { throw VaultError.corruptEnvelope("unknown version") }
        var i = 1
        var fields: [String?] = []
        for _ in 0..<(version == 1 ? 3 : 4) {
            guard i < bytes.count else { throw VaultError.corruptEnvelope("truncated") }
            if bytes[i] == 0 {
                fields.append(nil)
                i += 1
                continue
            }
            guard i + 3 <= bytes.count else { throw VaultError.corruptEnvelope("truncated") }
            let length = Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            guard i + 3 + length <= bytes.count else { throw VaultError.corruptEnvelope("truncated") }
            fields.append(String(decoding: bytes[(i + 3)..<(i + 3 + length)], as: UTF8.self))
            i += 3 + length
        }
        self.init(
            idNumber: fields[0], phone: fields[1], address: fields[2],
            birthDate: fields.count > 3 ? fields[3].flatMap { CalendarDate(iso: $0) } : nil)
    }
}
