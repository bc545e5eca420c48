import ContactTracing
import Foundation

/// Server-rendered SVG of a case and its contacts: the case in the middle, contacts on rings by
/// category (household innermost), secondary contacts linked to the contact who exposed them.
/// No script and no CDN: it renders the same on a phone, in print and offline.
enum TransmissionGraph {
    static let colours: [ContactCategory: String] = [
        .household: "#b71c1c", .close: "#e53935", .transport: "#ef6c00", .secondary: "#f9a825", .companion: "#7cb342",
    ]
    /// Nodes drawn per category (strongest exposure first): more make an unreadable hairball, and
    /// without a cap per category the close contacts alone would fill the picture.
    static let perCategory: [ContactCategory: Int] = [.household: 12, .close: 48, .transport: 16, .secondary: 48, .companion: 16]

    /// `names` gives people by (masked) name; an id stands in only where no name is known.
    static func svg(_ report: TraceReport, title: String, names: [String: String], categories: [ContactCategory: String]) -> String {
        let size = 640.0
        let centre = size / 2
        var shown: [TraceReport.Contact] = []
        for category in ContactCategory.allCases {
            shown += report.contacts.filter { $0.category == category }.prefix(perCategory[category] ?? 16)
        }
        var position: [String: (Double, Double)] = [report.case: (centre, centre)]
        let rings: [ContactCategory: Double] = [.household: 70, .close: 140, .transport: 190, .secondary: 250, .companion: 295]
        for category in ContactCategory.allCases {
            let members = shown.filter { $0.category == category }
            for (i, c) in members.enumerated() {
                let angle = 2 * Double.pi * (Double(i) + (category == .secondary ? 0.5 : 0)) / Double(max(1, members.count)) - Double.pi / 2
                let r = rings[category] ?? 200
                position[c.person] = (centre + r * cos(angle), centre + r * sin(angle))
            }
        }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(size)) \(Int(size))" role="img" aria-label="\(escape(title))" class="graph">
            <title>\(escape(title))</title>
            """
        for c in shown {
            let from = position[c.via ?? report.case] ?? (centre, centre)
            guard let to = position[c.person] else { continue }
            out += "<line x1=\"\(f(from.0))\" y1=\"\(f(from.1))\" x2=\"\(f(to.0))\" y2=\"\(f(to.1))\" stroke=\"#999\" stroke-width=\"1\"/>"
        }
        for c in shown {
            guard let p = position[c.person] else { continue }
            let colour = colours[c.category] ?? "#888"
            out += "<g><title>\(escape(names[c.person] ?? c.person)) · \(escape(categories[c.category] ?? c.category.rawValue)) · \(c.exposureMinutes) min</title>"
            out += "<a href=\"/people/\(escape(c.person))\"><circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"7\" fill=\"\(colour)\"/></a></g>"
        }
        out += "<circle cx=\"\(f(centre))\" cy=\"\(f(centre))\" r=\"13\" fill=\"#4a148c\"/>"
        out += "<text x=\"\(f(centre))\" y=\"\(f(centre + 30))\" text-anchor=\"middle\" font-size=\"14\">\(escape(names[report.case] ?? report.case))</text>"
        out += "</svg>"
        return out
    }

    /// The cases as a ring, with an arrow from A to B when B is among A's contacts: the chains of
    /// transmission between known cases.
    /// The cases of one page on a circle, an arrow where one case's stored contacts include another.
    static func casesSVG(_ cases: [(case: String, name: String, contacts: Int)], links: [(caseID: String, person: String)], title: String) -> String {
        let size = 420.0
        let centre = size / 2
        var position: [String: (Double, Double)] = [:]
        for (i, c) in cases.enumerated() {
            let angle = 2 * Double.pi * Double(i) / Double(max(1, cases.count)) - Double.pi / 2
            position[c.case] = (centre + 150 * cos(angle), centre + 150 * sin(angle))
        }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(size)) \(Int(size))" role="img" aria-label="\(escape(title))" class="graph">
            <title>\(escape(title))</title>
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>
            """
        for link in links {
            guard let a = position[link.caseID], let b = position[link.person] else { continue }
            out += "<line x1=\"\(f(a.0))\" y1=\"\(f(a.1))\" x2=\"\(f(b.0))\" y2=\"\(f(b.1))\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>"
        }
        for c in cases {
            guard let p = position[c.case] else { continue }
            out += "<a href=\"/cases/\(escape(c.case))\"><circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"12\" fill=\"#4a148c\"/>"
            out += "<text x=\"\(f(p.0))\" y=\"\(f(p.1 + 28))\" text-anchor=\"middle\" font-size=\"12\">\(escape(c.name)) (\(c.contacts))</text></a>"
        }
        out += "</svg>"
        return out
    }

    private static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
