using BenchmarkDotNet.Running;
using Chorus.Benchmarks.Fanout;
using Chorus.Benchmarks.Juries;
using Chorus.Benchmarks.Overhead;
using Chorus.Benchmarks.Support;

// Commands: short measured loops that print ratios and write JSON; `bdn` hands over to BenchmarkDotNet.
var cli = new BenchArgs(args);
string command = args.Length > 0 ? args[0] : "help";
return command switch
{
    "overhead" => await OverheadCommand.RunAsync(cli.Get("--json")),
    "fanout" => await FanoutCommand.RunAsync(cli.GetInt("--branches", 16), cli.GetInt("--seed", 7), cli.Has("--no-sequential"), cli.Get("--json")),
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
          juries [--data DIR] [--json F] [--prompting all|A,B]  llmbar-judges replay: single judges, both-orders, panels, agreement
          bdn [BenchmarkDotNet args]                   BenchmarkDotNet classes (e.g. --filter *RunnerOverhead*)
        """);
    return 1;
}
