import Domain

/// Region codes (GB/T 2260) people read as names: the provinces, and the prefectures the default
/// outbreak profile and the demo city name. A code without a name here is shown as the code.
enum RegionNames {
    static let table: [String: (zh: String, en: String)] = [
        "110000": ("北京市", "Beijing"), "120000": ("天津市", "Tianjin"), "130000": ("河北省", "Hebei"), "140000": ("山西省", "Shanxi"),
        "150000": ("内蒙古自治区", "Inner Mongolia"), "210000": ("辽宁省", "Liaoning"), "220000": ("吉林省", "Jilin"),
        "230000": ("黑龙江省", "Heilongjiang"), "310000": ("上海市", "Shanghai"), "320000": ("江苏省", "Jiangsu"), "330000": ("浙江省", "Zhejiang"),
        "340000": ("安徽省", "Anhui"), "350000": ("福建省", "Fujian"), "360000": ("江西省", "Jiangxi"), "370000": ("山东省", "Shandong"),
        "410000": ("河南省", "Henan"), "420000": ("湖北省", "Hubei"), "430000": ("湖南省", "Hunan"), "440000": ("广东省", "Guangdong"),
        "450000": ("广西壮族自治区", "Guangxi"), "460000": ("海南省", "Hainan"), "500000": ("重庆市", "Chongqing"), "510000": ("四川省", "Sichuan"),
        "520000": ("贵州省", "Guizhou"), "530000": ("云南省", "Yunnan"), "540000": ("西藏自治区", "Tibet"), "610000": ("陕西省", "Shaanxi"),
        "620000": ("甘肃省", "Gansu"), "630000": ("青海省", "Qinghai"), "640000": ("宁夏回族自治区", "Ningxia"), "650000": ("新疆维吾尔自治区", "Xinjiang"),
        "710000": ("台湾省", "Taiwan"), "810000": ("香港特别行政区", "Hong Kong"), "820000": ("澳门特别行政区", "Macao"),
        "420100": ("武汉市", "Wuhan"), "420200": ("黄石市", "Huangshi"), "420300": ("十堰市", "Shiyan"), "420500": ("宜昌市", "Yichang"),
        "420600": ("襄阳市", "Xiangyang"), "420700": ("鄂州市", "Ezhou"), "420800": ("荆门市", "Jingmen"), "420900": ("孝感市", "Xiaogan"),
        "421000": ("荆州市", "Jingzhou"), "421100": ("黄冈市", "Huanggang"), "421200": ("咸宁市", "Xianning"), "421300": ("随州市", "Suizhou"),
        "422800": ("恩施州", "Enshi"), "330100": ("杭州市", "Hangzhou"), "330200": ("宁波市", "Ningbo"), "330300": ("温州市", "Wenzhou"),
        "330600": ("绍兴市", "Shaoxing"), "330700": ("金华市", "Jinhua"), "310100": ("上海市", "Shanghai"), "440100": ("广州市", "Guangzhou"),
        "440300": ("深圳市", "Shenzhen"), "110100": ("北京市", "Beijing"),
    ]

    /// "武汉市" / "Wuhan" for a known code; the code itself otherwise.
    static func name(_ code: String, _ lang: Language) -> String {
        guard let entry = table[code] else { return code }
        return lang == .zh ? entry.zh : entry.en
    }
}

extension Area {
    /// The area's name for a reader of `lang`: its English name where the area import gave one.
    func name(in lang: Language) -> String { lang == .en ? (nameEn ?? name) : name }
}
