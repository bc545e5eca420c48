/// Finds the SubjectPublicKeyInfo of an X.509 certificate by walking its DER (RFC 5280 §4.1):
/// Certificate → tbsCertificate → [0] version?, serial, signature, issuer, validity, subject, SPKI.
enum SubjectPublicKeyInfo {
    /// One TLV: where its content starts and ends, and where the whole element ends.
    struct Element {
        var tag: UInt8
        var start: Int
        var contentStart: Int
        var end: Int
    }

    static func element(_ der: [UInt8], at i: Int, limit: Int) -> Element? {
        guard i + 2 <= limit else { return nil }
        let tag = der[i]
        var length = Int(der[i + 1])
        var content = i + 2
        if length & 0x80 != 0 {
            let n = length & 0x7F
            guard n >= 1, n <= 4, content + n <= limit else { return nil }
            length = 0
            for k in 0..<n { length = length << 8 | Int(der[content + k]) }
            content += n
        }
        guard length >= 0, content + length <= limit else { return nil }
        return Element(tag: tag, start: i, contentStart: content, end: content + length)
    }

    static func extract(from der: [UInt8]) -> [UInt8]? {
        guard let certificate = element(der, at: 0, limit: der.count), certificate.tag == 0x30,
            let tbs = element(der, at: certificate.contentStart, limit: certificate.end), tbs.tag == 0x30
        else { return nil }
        var i = tbs.contentStart
        var children: [Element] = []
        while i < tbs.end, children.count < 8, let e = element(der, at: i, limit: tbs.end) {
            children.append(e)
            i = e.end
        }
        let offset = children.first?.tag == 0xA0 ? 1 : 0  // explicit version
        guard children.count > offset + 5 else { return nil }
        let spki = children[offset + 5]
        guard spki.tag == 0x30 else { return nil }
        return Array(der[spki.start..<spki.end])
    }
}
