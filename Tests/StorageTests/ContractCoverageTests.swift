import Foundation
import Testing

/// Every requirement of the repository protocols (`Sources/Domain/Storage`) is called by a contract
/// test that runs on both databases: a new store method without one fails here, so the two
/// implementations cannot drift apart unnoticed.
@Suite("Store contract coverage")
struct ContractCoverageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func swiftFiles(in folder: String) throws -> [(name: String, text: String)] {
        let dir = root.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }.sorted().map {
            ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }

    @Test("every repository method is exercised by a contract test")
    func everyMethodIsTested() throws {
        let protocols = try Self.swiftFiles(in: "Sources/Domain/Storage")
        var methods: [String: String] = [:]
        for (file, text) in protocols {
            for match in text.matches(of: /\n    func ([A-Za-z0-9_]+)[(<]/) { methods[String(match.output.1)] = file }
        }
        #expect(methods.count > 100, "the protocols were not read: \(methods.count) methods")
        let tests = try Self.swiftFiles(in: "Tests/StorageTests").filter { $0.name != "ContractCoverageTests.swift" }.map(\.text).joined(separator: "\n")
        let untested = methods.keys.filter { !tests.contains(".\($0)(") }.sorted().map { "\($0) (\(methods[$0] ?? ""))" }
        #expect(untested.isEmpty, "repository methods without a contract test: \(untested.joined(separator: ", "))")
    }
}
