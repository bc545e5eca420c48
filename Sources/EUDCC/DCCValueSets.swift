/// The EU DCC value sets the schema check holds codes to (ehn-dcc-development/eu-dcc-valuesets).
/// A set left nil is not checked. The sets change over time (gateways publish them daily), so a
/// verifier that has fresher ones passes them in; `eu` is a snapshot for offline use.
public struct DCCValueSets: Sendable, Equatable {
    /// country-2-codes: ISO 3166-1 alpha-2, plus XK (Kosovo).
    public var countries: Set<String>?
    /// vaccines-covid-19-auth-holders: marketing authorisation holders and manufacturers.
    public var vaccineAuthorisationHolders: Set<String>?
    /// covid-19-lab-test-manufacturer-and-name: rapid antigen test devices (JRC database ids).
    public var testDevices: Set<String>?

    public init(countries: Set<String>?, vaccineAuthorisationHolders: Set<String>?, testDevices: Set<String>?) {
        self.countries = countries
        self.vaccineAuthorisationHolders = vaccineAuthorisationHolders
        self.testDevices = testDevices
    }

    /// No value-set checks: the schema's structure only.
    public static let none = DCCValueSets(countries: nil, vaccineAuthorisationHolders: nil, testDevices: nil)

    /// Snapshot: country-2-codes 2019-11-01 (+XK), vaccine-mah-manf 2022-01-26, test-manf 2021-07-15.
    public static let eu = DCCValueSets(
        countries: words(
            """
            AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
            CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
            GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
            KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT
            MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
            SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
            UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
            """),
        vaccineAuthorisationHolders: words(
            """
            ORG-100001699 ORG-100030215 ORG-100001417 ORG-100031184 ORG-100006270 ORG-100013793 ORG-100020693 ORG-100010771
            ORG-100024420 ORG-100032020 ORG-100001981 ORG-100007893 ORG-100023050 ORG-100033914 ORG-100000788 ORG-100036422
            ORG-100026614 ORG-100008549 Gamaleya-Research-Institute Vector-Institute Sinovac-Biotech Bharat-Biotech Fiocruz
            Chumakov-Federal-Scientific-Center CIGB Sinopharm-WIBP Instituto-Butantan NVSI Yisheng-Biopharma Finlay-Institute
            """),
        testDevices: words(
            """
            308 344 345 768 770 1065 1097 1114 1144 1162 1173 1180 1190 1197 1199 1201 1215 1216 1218 1223 1225 1232 1236 1242
            1243 1244 1253 1257 1263 1266 1267 1268 1271 1278 1295 1296 1304 1319 1324 1331 1333 1341 1343 1357 1360 1363 1365
            1375 1392 1420 1437 1443 1456 1457 1465 1466 1468 1481 1484 1485 1489 1490 1494 1495 1501 1574 1581 1599 1604 1606
            1610 1618 1654 1736 1739 1747 1763 1764 1767 1768 1769 1773 1775 1800 1815 1820 1822 1833 1844 1870 1884 1906 1919
            1920 1934 1957 1967 2006 2010 2012 2017 2029 2031 2052 2067 2072 2074 2078 2079 2090 2098 2101 2103 2104 2107 2108
            2109 2116 2128 2130 2139 2147 2183 2200 2228 2243
            """))

    private static func words(_ text: String) -> Set<String> { Set(text.split(whereSeparator: \.isWhitespace).map(String.init)) }
}
