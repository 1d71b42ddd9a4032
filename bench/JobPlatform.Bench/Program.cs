using System.Runtime.InteropServices;
using JobPlatform.Bench;
using JobPlatform.Bench.Harness;
using JobPlatform.Bench.Reporting;

// bench/run.sh [--quick] [--output DIR]: starts the whole system through the AppHost, measures it and its peers in one
// run, and writes benchmarks.md and benchmarks.json (by default into the repository's docs/).
// bench/run.sh --handoff [--quick]: only the idle system, the handoff steps and status reads, logged with their CPU;
// writes nothing.
// bench/run.sh --profiles [--quick]: only seed 000's profile analytics phase, logged with its CPU; writes nothing.
var profile = args.Contains("--quick") ? BenchProfile.Quick : BenchProfile.Full;
var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault()
    ?? Path.Combine(Path.GetDirectoryName(PeerSystem.PeersDirectory)!, "..", "docs");

await using var system = await BenchSystem.StartAsync();
// Ctrl+C or SIGTERM mid-run still stops every server and service the run started.
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => system.DisposeAsync().AsTask().Wait());
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => system.DisposeAsync().AsTask().Wait());
if (args.Contains("--handoff"))
{
    await new BenchRun(system, profile, [], Console.Out).HandoffOnlyAsync();
    return;
}

if (args.Contains("--profiles"))
{
    await new BenchRun(system, profile, [], Console.Out).ProfilesOnlyAsync();
    return;
}

PeerSystem[] peers =
[
    new("bullmq", "Redis AOF on, appendfsync everysec: a crash can lose the last second of acknowledged jobs", system.PeerEnvironment),
    new("pgboss", "PostgreSQL fsync on, synchronous_commit on (the same server as ours)", system.PeerEnvironment),
];
var command = "bench/run.sh" + (profile == BenchProfile.Quick ? " --quick" : "");
var report = await new BenchRun(system, profile, peers, Console.Out).RunAsync(command);
await BenchReportWriter.WriteAsync(report, Path.GetFullPath(output));
Console.WriteLine($"Wrote {Path.GetFullPath(output)}/benchmarks.md and benchmarks.json");
