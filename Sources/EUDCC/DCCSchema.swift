/// Checks a health certificate against the EU DCC JSON schema (ehn-dcc-development/eu-dcc-schema,
/// versions 1.0.0 to 1.3.x) and the value sets its codes refer to. Every violation is reported, so a
/// verifier can say why a certificate is refused; an empty list means the certificate conforms.
///
/// Value sets are held to only where issuers agree they are part of the schema check: the country
/// of vaccination/test (`co`), the rapid-test device (`t.ma`) and a vaccine marketing-authorisation
/// holder named by its EMA SPOR id (`ORG-…`). Early certificates carry national codes elsewhere
/// (Spain's test vectors: `729999` for the vaccine, `NEGATIVO` for the result) and are still valid
/// by the schema, whose `valueset-uri` is an annotation rather than a constraint.
public enum DCCSchema {
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        /// Where, as a JSON pointer into the certificate ("/v/0/dn").
        public var path: String
        public var problem: String
        public var description: String { "\(path.isEmpty ? "/" : path): \(problem)" }
    }

    public static func violations(of certificate: DCCJSON, valueSets: DCCValueSets = .eu) -> [Violation] {
        var checker = SchemaChecker(sets: valueSets)
        checker.certificate(certificate)
        return checker.found
    }
}

/// One pass over a certificate, collecting violations.
struct SchemaChecker {
    let sets: DCCValueSets
    var found: [DCCSchema.Violation] = []
    /// The certificate's own `ver`: later versions changed `dob`, `nam` and the entries allowed.
    var version: [Int] = []

    mutating func fail(_ path: String, _ problem: String) { found.append(.init(path: path, problem: problem)) }

    mutating func certificate(_ c: DCCJSON) {
        guard case .object = c else { return fail("", "not an object") }
        if let ver = text(c, "ver", at: "", required: true, rule: DCCFormat.semanticVersion) {
            version = ver.split(separator: ".").compactMap { Int($0) }
        }
        name(c["nam"])
        // 1.3.0 allows an empty date of birth (unknown); earlier versions need at least the year.
        text(c, "dob", at: "", required: true, rule: atLeast([1, 3, 0]) ? DCCFormat.birthDateOrEmpty : DCCFormat.birthDate)
        // One kind of certificate in every version: the regulation knows vaccination, test and
        // recovery certificates, not mixtures (the common DGC2 vector expects a 1.2.1 certificate
        // holding all three to fail, although its schema had no `oneOf` yet).
        let groups = ["v", "t", "r"].filter { c[$0] != nil }
        if groups.count != 1 { fail("", groups.isEmpty ? "no v, t or r group" : "more than one of v, t, r (\(groups.joined(separator: ", ")))") }
        for group in groups { entries(c[group], kind: group) }
    }

    func atLeast(_ v: [Int]) -> Bool { version.lexicographicallyPrecedes(v) == false }

    mutating func name(_ nam: DCCJSON?) {
        guard let nam else { return fail("/nam", "required") }
        guard case .object = nam else { return fail("/nam", "not an object") }
        // From 1.3.2 either standardised name is enough; before, the surname is required.
        let needsFNT = !atLeast([1, 3, 2]) || nam["gnt"] == nil
        text(nam, "fnt", at: "/nam", required: needsFNT, maxLength: 80, rule: DCCFormat.icao)
        text(nam, "gnt", at: "/nam", maxLength: 80, rule: DCCFormat.icao)
        text(nam, "fn", at: "/nam", maxLength: 80)
        text(nam, "gn", at: "/nam", maxLength: 80)
    }

    mutating func entries(_ group: DCCJSON?, kind: String) {
        guard case .array(let items)? = group else { return fail("/\(kind)", "not an array") }
        // One entry per certificate from 1.3.0, whose schema added `maxItems: 1`; before, a group
        // could list several (Slovakia's 1.2.1 vector 3 lists both doses and is valid).
        let most = atLeast([1, 3, 0]) ? 1 : Int.max
        guard !items.isEmpty, items.count <= most else { return fail("/\(kind)", "\(items.count) entries, the schema allows \(most == 1 ? "exactly one" : "at least one")") }
        for (n, item) in items.enumerated() { entry(item, kind: kind, at: "/\(kind)/\(n)") }
    }

    mutating func entry(_ e: DCCJSON, kind: String, at path: String) {
        guard case .object = e else { return fail(path, "not an object") }
        text(e, "tg", at: path, required: true)
        switch kind {
        case "v":
            for key in ["vp", "mp"] { text(e, key, at: path, required: true) }
            if let ma = text(e, "ma", at: path, required: true), ma.hasPrefix("ORG-") { inSet(sets.vaccineAuthorisationHolders, ma, at: path + "/ma") }
            for key in ["dn", "sd"] { positiveInteger(e, key, at: path) }
            text(e, "dt", at: path, required: true, rule: DCCFormat.date)
        case "t":
            for key in ["tt", "tr"] { text(e, key, at: path, required: true) }
            text(e, "nm", at: path, maxLength: 80)
            text(e, "tc", at: path, maxLength: 80)
            // NAA tests have no device: some issuers leave `ma` out, others write it empty.
            if let ma = text(e, "ma", at: path), !ma.isEmpty { inSet(sets.testDevices, ma, at: path + "/ma") }
            text(e, "sc", at: path, required: true, rule: DCCFormat.dateTime)
            text(e, "dr", at: path, rule: DCCFormat.dateTime)  // 1.0.0 only
        default:
            for key in ["fr", "df", "du"] { text(e, key, at: path, required: true, rule: DCCFormat.date) }
        }
        if let co = text(e, "co", at: path, required: true, rule: DCCFormat.countryCode) { inSet(sets.countries, co, at: path + "/co") }
        text(e, "is", at: path, required: true, maxLength: 80)
        text(e, "ci", at: path, required: true, maxLength: 80)
    }

    /// A string member: present when required, within its length, following its rule.
    @discardableResult
    mutating func text(
        _ object: DCCJSON, _ key: String, at path: String, required: Bool = false, maxLength: Int? = nil,
        rule: DCCFormat? = nil
    ) -> String? {
        guard let value = object[key] else {
            if required { fail("\(path)/\(key)", "required") }
            return nil
        }
        guard let s = value.stringValue else {
            fail("\(path)/\(key)", "not a string")
            return nil
        }
        if let maxLength, s.unicodeScalars.count > maxLength { fail("\(path)/\(key)", "longer than \(maxLength)") }
        if let rule, !rule.holds(s) { fail("\(path)/\(key)", "\"\(s)\" is not \(rule.name)") }
        return s
    }

    mutating func positiveInteger(_ object: DCCJSON, _ key: String, at path: String) {
        guard let value = object[key] else { return fail("\(path)/\(key)", "required") }
        guard case .number(let n) = value, n == n.rounded(), n >= 1 else { return fail("\(path)/\(key)", "not an integer of at least 1") }
    }

    mutating func inSet(_ set: Set<String>?, _ code: String, at path: String) {
        if let set, !set.contains(code) { fail(path, "\"\(code)\" is not in its value set") }
    }
}
