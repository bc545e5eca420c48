import CQRencode

/// A QR code as a square of dark and light modules, made by libqrencode, drawn as SVG (pages, files)
/// or PBM (what `zbarimg` reads in tests).
public struct QRMatrix: Sendable, Equatable {
    public let width: Int
    /// Row by row, true = dark.
    public let modules: [Bool]

    public enum QRError: Error, Equatable {
        case tooLong
        case encodingFailed
    }

    /// Encodes text. libqrencode splits it into the most compact modes itself, so Base45 credential
    /// text (all QR-alphanumeric) takes the alphanumeric mode: 5.5 bits a character instead of 8.
    public static func encode(_ text: String) throws(QRError) -> QRMatrix {
        guard text.utf8.count < 4000 else { throw .tooLong }
        guard let code = text.withCString({ QRcode_encodeString($0, 0, QR_ECLEVEL_M, QR_MODE_8, 1) }) else { throw .encodingFailed }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        var modules: [Bool] = []
        modules.reserveCapacity(width * width)
        for i in 0..<(width * width) { modules.append(code.pointee.data[i] & 1 == 1) }
        return QRMatrix(width: width, modules: modules)
    }

    init(width: Int, modules: [Bool]) {
        self.width = width
        self.modules = modules
    }

    public func isDark(_ x: Int, _ y: Int) -> Bool { modules[y * width + x] }

    /// SVG with a four-module quiet zone; each dark run of a row is one rectangle.
    public func svg(size: Int = 320, label: String = "QR code") -> String {
        let n = width + 8
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(n) \#(n)" width="\#(size)" height="\#(size)" shape-rendering="crispEdges" role="img" aria-label="\#(label)">"#
        out += ##"<rect width="\##(n)" height="\##(n)" fill="#fff"/><path fill="#000" d=""##
        for y in 0..<width {
            var x = 0
            while x < width {
                guard isDark(x, y) else { x += 1; continue }
                let start = x
                while x < width && isDark(x, y) { x += 1 }
                out += "M\(start + 4) \(y + 4)h\(x - start)v1h-\(x - start)z"
            }
        }
        return out + #""/></svg>"#
    }

    /// Plain PBM (P1), `scale` pixels a module, with the quiet zone.
    public func pbm(scale: Int = 4) -> String {
        let n = (width + 8) * scale
        var lines = ["P1", "\(n) \(n)"]
        for py in 0..<n {
            var row = ""
            row.reserveCapacity(n * 2)
            for px in 0..<n {
                let x = px / scale - 4
                let y = py / scale - 4
                let dark = x >= 0 && y >= 0 && x < width && y < width && isDark(x, y)
                row += dark ? "1 " : "0 "
            }
            lines.append(row)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
