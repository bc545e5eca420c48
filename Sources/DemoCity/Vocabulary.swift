/// Names for the demo city: Hangzhou's districts with their GB/T 2260 codes, common surnames,
/// given-name characters and place names, so pages look like the real thing.
enum Vocabulary {
    static let cityCode = "330100"
    static let cityName = "杭州市"
    /// Hangzhou's centre (West Lake's east shore); the demo tiles ±0.25° around it.
    static let centre = (lat: 30.2741, lon: 120.1551)

    static let cityNameEn = "Hangzhou"
    /// With the English names the area import carries as `nameEn`.
    static let districts: [(code: String, name: String, nameEn: String)] = [
        ("330102", "上城区", "Shangcheng District"), ("330105", "拱墅区", "Gongshu District"), ("330106", "西湖区", "Xihu District"),
        ("330108", "滨江区", "Binjiang District"), ("330109", "萧山区", "Xiaoshan District"), ("330110", "余杭区", "Yuhang District"),
        ("330111", "富阳区", "Fuyang District"), ("330112", "临安区", "Lin'an District"), ("330113", "临平区", "Linping District"),
        ("330114", "钱塘区", "Qiantang District"),
    ]

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严")
    static let givenCharacters = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩然子涵欣怡梓轩一诺雨泽晨思佳俊杰文博嘉怡梦琪天佑")
    static let streetSuffixes = ["街道", "街道", "镇"]
    static let communityWords = Array("和平安康新兴东南西北湖滨翠苑文新古荡紫金港清波望江闸弄口采荷凯旋彭埠笕桥九堡")
    static let compoundWords = ["花园", "小区", "新村", "家园", "公寓", "苑", "府", "里"]
    static let venueKinds = ["超市", "农贸市场", "餐馆", "商场", "医院门诊", "银行网点", "健身房", "电影院", "茶室", "菜场"]
}
