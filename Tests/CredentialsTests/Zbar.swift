import Foundation

/// Decodes a QR image with zbarimg (Debian's zbar-tools), as a phone's scanner would.
enum Zbar {
    /// The text zbarimg reads from the image bytes, nil when it reads nothing.
    static func read(_ image: Data, fileExtension: String) -> String? {
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cordon-zbar-\(UUID().uuidString).\(fileExtension)")
        defer { try? FileManager.default.removeItem(at: file) }
        guard (try? image.write(to: file)) != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["-q", "--raw", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}
