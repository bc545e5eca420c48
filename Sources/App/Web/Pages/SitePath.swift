import Foundation

/// A path on this site to send a reader back to (after signing in, after switching language).
/// Only a site-relative path is taken: `//host`, `/\host` and anything with a scheme or control
/// characters would leave the site, so they fall back to the home page.
enum SitePath {
    static func local(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.hasPrefix("/\\"), text.count <= 2_000 else { return nil }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else { return nil }
        return text
    }
}
