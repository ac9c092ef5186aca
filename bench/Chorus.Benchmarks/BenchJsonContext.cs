using System.Text.Json.Serialization;
using Chorus.Benchmarks.Fanout;
using Chorus.Benchmarks.Overhead;
using Chorus.Benchmarks.Voting;

namespace Chorus.Benchmarks;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<OverheadRow>))]
[JsonSerializable(typeof(FanoutRow))]
[JsonSerializable(typeof(VotingReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
