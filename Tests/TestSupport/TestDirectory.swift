import Foundation

/// Temporary directories for tests, all under one directory of this test process that is removed
/// when the process exits: a run of the suite creates a few hundred stores, and leaving them behind
/// filled /tmp with gigabytes after a few dozen runs.
public enum TestDirectory {
    /// `<tmp>/cordon-tests-<pid>/<prefix>-<uuid>`, created.
    public static func make(_ prefix: String = "store") throws -> URL {
        let directory = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Created on first use, with its removal at exit registered then.
    private static let root: URL = {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cordon-tests-\(getpid())")
        atexit {
            // Child servers of the instance tests are killed by then; their files go too.
            try? FileManager.default.removeItem(at: TestDirectory.root)
        }
        return root
    }()
}
