using System.Text.Json.Serialization;
using Chorus.Benchmarks.Fanout;
using Chorus.Benchmarks.Juries;
using Chorus.Benchmarks.Overhead;
using Chorus.Benchmarks.Voting;
using Chorus.Benchmarks.Scenarios;

namespace Chorus.Benchmarks;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<OverheadRow>))]
[JsonSerializable(typeof(FanoutRow))]
[JsonSerializable(typeof(VotingReport))]
[JsonSerializable(typeof(List<ScenarioRow>))]
[JsonSerializable(typeof(ScenarioRow))]
[JsonSerializable(typeof(List<JuryRow>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
