import Credentials

/// The kind of health certificate: the group its payload carries.
public enum DCCType: String, Sendable, CaseIterable {
    case test = "t"
    case vaccination = "v"
    case recovery = "r"

    /// The groups present in a health certificate (one, in a valid certificate).
    public static func types(in certificate: CBOR) -> [DCCType] {
        allCases.filter { certificate[.text($0.rawValue)] != nil }
    }
}

/// Which kinds of certificate a document signer may sign, from the extended key usage of its
/// X.509 certificate (eHealth Network trust framework, §5): the OIDs 1.3.6.1.4.1.1847.2021.1.1–3
/// (test, vaccination, recovery) or their 1.3.6.1.4.1.0.1847.2021.1.x spelling, which issuers use
/// as well. A signer that names none of them may sign every kind.
public struct DCCKeyUsage: Sendable, Equatable {
    /// The kinds named, empty when the certificate names none (and so may sign all).
    public var named: Set<DCCType>

    public init(named: Set<DCCType>) { self.named = named }

    /// Reads the extended key usage extension by walking the DER, as the public key is read: X509
    /// refuses certificates signed with algorithms it does not know (RSA-PSS with SHA-512).
    public init(certificateDER der: [UInt8]) throws(DCCError) {
        guard let purposes = ExtendedKeyUsage.purposes(in: der) else { throw .badCertificate("unreadable extensions") }
        var named: Set<DCCType> = []
        for oid in purposes {
            for prefix in ["1.3.6.1.4.1.1847.2021.1.", "1.3.6.1.4.1.0.1847.2021.1."] where oid.hasPrefix(prefix) {
                switch oid.dropFirst(prefix.count) {
                case "1": named.insert(.test)
                case "2": named.insert(.vaccination)
                case "3": named.insert(.recovery)
                default: break
                }
            }
        }
        self.named = named
    }

    public func allows(_ type: DCCType) -> Bool { named.isEmpty || named.contains(type) }
}

/// Certificate → tbsCertificate → [3] extensions → the extension 2.5.29.37, whose value is a
/// SEQUENCE of OIDs (RFC 5280 §4.2.1.12).
enum ExtendedKeyUsage {
    static let oid: [UInt8] = [0x55, 0x1D, 0x25]

    /// The purposes as dotted OIDs: empty without the extension, nil when the DER does not parse.
    static func purposes(in der: [UInt8]) -> [String]? {
        typealias E = SubjectPublicKeyInfo
        guard let certificate = E.element(der, at: 0, limit: der.count), certificate.tag == 0x30,
            let tbs = E.element(der, at: certificate.contentStart, limit: certificate.end), tbs.tag == 0x30,
            let tbsFields = children(der, of: tbs)
        else { return nil }
        guard let wrapper = tbsFields.first(where: { $0.tag == 0xA3 }) else { return [] }
        guard let list = E.element(der, at: wrapper.contentStart, limit: wrapper.end), list.tag == 0x30,
            let extensions = children(der, of: list)
        else { return nil }
        for ext in extensions {
            // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
            guard ext.tag == 0x30, let parts = children(der, of: ext), let id = parts.first, id.tag == 0x06 else { return nil }
            guard Array(der[id.contentStart..<id.end]) == oid else { continue }
            guard let value = parts.last, value.tag == 0x04,
                let sequence = E.element(der, at: value.contentStart, limit: value.end), sequence.tag == 0x30,
                let oids = children(der, of: sequence), oids.allSatisfy({ $0.tag == 0x06 })
            else { return nil }
            return oids.compactMap { dotted(Array(der[$0.contentStart..<$0.end])) }
        }
        return []
    }

    /// The elements inside a constructed element, nil if they do not fill it exactly.
    static func children(_ der: [UInt8], of parent: SubjectPublicKeyInfo.Element) -> [SubjectPublicKeyInfo.Element]? {
        var out: [SubjectPublicKeyInfo.Element] = []
        var i = parent.contentStart
        while i < parent.end {
            guard let e = SubjectPublicKeyInfo.element(der, at: i, limit: parent.end) else { return nil }
            out.append(e)
            i = e.end
        }
        return out
    }

    /// An OID's content octets as "1.3.6…": base-128 arcs, the first octet holding two arcs.
    static func dotted(_ bytes: [UInt8]) -> String? {
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for b in bytes {
            guard value >> 57 == 0 else { return nil }  // an arc beyond 64 bits
            value = value << 7 | UInt64(b & 0x7F)
            guard b & 0x80 == 0 else { continue }
            if arcs.isEmpty {
                arcs += value < 80 ? [value / 40, value % 40] : [2, value - 80]
            } else {
                arcs.append(value)
            }
            value = 0
        }
        guard !arcs.isEmpty, bytes.last.map({ $0 & 0x80 == 0 }) == true else { return nil }
        return arcs.map(String.init).joined(separator: ".")
    }
}
