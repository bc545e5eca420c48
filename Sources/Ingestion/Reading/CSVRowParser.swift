/// Splits CSV (RFC 4180: comma separated, double-quoted cells with "" for a quote, quoted cells may
/// span lines) into cells.
enum CSVRowParser {
    enum Outcome {
        case row([String])
        /// The line ends inside a quoted cell: append the next line and parse again.
        case needsMore
        case invalid(String)
    }

    /// `expected`: how many cells a row has (the header's count), reserved up front.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, expected: Int = 8) -> Outcome {
        var cells: [String] = []
        cells.reserveCapacity(expected)
        var i = 0
        let n = bytes.count
        while true {
            if i < n, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                var cell: [UInt8] = []
                var closed = false
                while i < n {
                    if bytes[i] == UInt8(ascii: "\"") {
                        if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                            cell.append(UInt8(ascii: "\""))
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    cell.append(bytes[i])
                    i += 1
                }
                if !closed { return .needsMore }
                cells.append(String(decoding: cell, as: UTF8.self))
                if i == n { return .row(cells) }
                guard bytes[i] == UInt8(ascii: ",") else { return .invalid("text after a closing quote in cell \(cells.count)") }
                i += 1
            } else {
                let start = i
                while i < n, bytes[i] != UInt8(ascii: ",") {
                    if bytes[i] == UInt8(ascii: "\"") { return .invalid("a quote inside an unquoted cell \(cells.count + 1)") }
                    i += 1
                }
                cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                if i == n { return .row(cells) }
                i += 1
            }
        }
    }
}
