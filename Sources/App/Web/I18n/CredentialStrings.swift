import Foundation

extension Strings {
    /// Why a scanned code is refused, in words for the person at the gate (the API keeps the code).
    static let credentialErrors: [String: (zh: String, en: String)] = [
        "bad-prefix": ("不是本系统的健康码：请让对方出示本市健康码。", "Not a health code of this system: ask for this city's health code."),
        "bad-base45": ("码内容不完整或扫描有误：请重新扫描。", "The code is incomplete or misread: scan it again."),
        "bad-compression": ("码内容已损坏：请重新扫描，或请对方刷新健康码。", "The code is damaged: scan again, or ask for a refreshed code."),
        "bad-cbor": ("码内容已损坏：请重新扫描，或请对方刷新健康码。", "The code is damaged: scan again, or ask for a refreshed code."),
        "unknown-key": ("签发机构未知：此码不是本系统签发，或信任列表需要更新。", "Unknown issuer: not issued by this system, or the trust list needs updating."),
        "unsupported-algorithm": ("签名方式不受支持：此码不是本系统签发。", "Unsupported signature: not issued by this system."),
        "bad-signature": ("签名无效：此码不是本系统签发或已被篡改。", "Invalid signature: not issued by this system, or altered."),
        "expired": ("码已过期：请对方刷新健康码后重新出示。", "Expired: ask for a refreshed code."),
        "not-yet-valid": ("码尚未生效：请核对扫码设备的时间。", "Not valid yet: check the scanner's clock."),
        "lifetime-too-long": ("有效期异常：此码不是按本市规则签发。", "Validity too long: not issued under this city's rules."),
        "revoked": ("此码已被吊销：请对方刷新健康码；如仍有疑问请联系社区。", "Revoked: ask for a refreshed code; if in doubt call the community office."),
        "bad-claims": ("码内容不符合规范：此码不是本系统签发。", "The code's content is malformed: not issued by this system."),
        "no-trust-list": ("本设备还没有信任列表：请联网打开本页一次后再离线核验。", "This device has no trust list yet: open this page online once before checking offline."),
        "bad-trust-list": ("信任列表签名无效：已拒绝使用，请联网刷新本页。", "The trust list's signature does not hold: it is not used; reload this page online."),
        "trust-list-expired": ("信任列表已过期：离线时间超过规定时限，请联网刷新本页。", "The trust list has expired: offline longer than allowed; reload this page online."),
        "no-webcrypto": ("此浏览器无法离线核验：请使用较新的浏览器。", "This browser cannot check offline: use a recent browser."),
        "server": ("服务器暂时无法核验，已离线核验并排队上传。", "The server cannot check now; checked offline and queued for upload."),
    ]

    static func credentialError(_ code: String, _ lang: Language) -> String {
        guard let entry = credentialErrors[code] else { return code }
        return lang == .zh ? entry.zh : entry.en
    }

    /// The same texts as one JSON object, for the checkpoint page's script (offline verdicts).
    static func credentialErrorsJSON(_ lang: Language) -> String {
        let texts = credentialErrors.mapValues { lang == .zh ? $0.zh : $0.en }
        guard let data = try? JSONSerialization.data(withJSONObject: texts, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
