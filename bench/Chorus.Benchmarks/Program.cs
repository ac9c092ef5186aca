using BenchmarkDotNet.Running;
using Chorus.Benchmarks.Fanout;
using Chorus.Benchmarks.Juries;
using Chorus.Benchmarks.Overhead;
using Chorus.Benchmarks.Scenarios;
using Chorus.Benchmarks.Support;
using Chorus.Benchmarks.Voting;

// Commands: short measured loops that print ratios and write JSON; `bdn` hands over to BenchmarkDotNet.
var cli = new BenchArgs(args);
string command = args.Length > 0 ? args[0] : "help";
return command switch
{
    "overhead" => await OverheadCommand.RunAsync(cli.Get("--json")),
    "fanout" => await FanoutCommand.RunAsync(cli.GetInt("--branches", 16), cli.GetInt("--seed", 7), cli.Has("--no-sequential"), cli.Get("--json")),
    "voting" => await VotingCommand.RunAsync(cli.Get("--data"), cli.GetInt("--seeds", 10), cli.Get("--json"), cli.GetInt("--wall-questions", 100), cli.GetDouble("--latency-scale", 1), cli.Get("--strategy"), cli.GetInt("--show-disagreements", 0)),
    "scenarios" when cli.Get("--row") is { } row => await DefaultsCommand.RunRowAsync(row, cli.Get("--row-json")),
    "scenarios" when cli.Has("--defaults") => await DefaultsCommand.RunAsync(cli.Get("--only"), cli.Get("--json")),
    "scenarios" => await ScenariosCommand.RunAsync(cli.Get("--only"), cli.Get("--json")),
    "juries" => await JuriesCommand.RunAsync(cli.Get("--data"), cli.Get("--json"), cli.Get("--prompting")),
    "bdn" => RunBenchmarkDotNet(args[1..]),
    _ => Help(),
};

static int RunBenchmarkDotNet(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(RunnerOverheadBenchmarks).Assembly).Run(rest);
    return 0;
}

static int Help()
{
    Console.WriteLine("""
        usage: dotnet run -c Release --project bench/Chorus.Benchmarks -- <command>
          overhead [--json FILE]                       orchestration overhead per branch at N = 1, 16, 256, 4096
          fanout [--branches 16] [--seed 7] [--json F] 16 branches at 800 ms ± 30 %: wall / slowest, speed-up vs sequential
          voting --data FILE.jsonl [--seeds 10] [--json F] [--wall-questions 100] [--latency-scale 1] [--strategy S]
                                                       recorded samples: majority@N vs stopping rules (accuracy, samples, wall at c=8)
          scenarios [--only S2] [--json FILE]          provider budget over HTTP vs the simulator: S1-S4, chorus vs naive vs sequential
          scenarios --defaults [--only S2] [--json F]  issue 13: Chorus at its defaults across server profiles, one process per row,
                                                       plus the configured-limits rows above
          juries [--data DIR] [--json F] [--prompting all|A,B]  llmbar-judges replay: single judges, both-orders, panels, agreement
          bdn [BenchmarkDotNet args]                   BenchmarkDotNet classes (e.g. --filter *RunnerOverhead*)
        """);
    return 1;
}
