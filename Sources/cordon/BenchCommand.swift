import ArgumentParser

/// `cordon bench …`: measurements against an anchor, run side by side in the same process run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks against a reference tool, in the same run.", subcommands: [BenchImportCommand.self, BenchTraceCommand.self, BenchStatusCommand.self, BenchVerifyCommand.self, BenchScanCodesCommand.self, BenchGridCommand.self, BenchPagesCommand.self, BenchDashboardCommand.self, BenchLotteryCommand.self, BenchIngestCommand.self, BenchPurgeCommand.self, BenchHTTPFloorCommand.self, BenchScanPathCommand.self])
}
