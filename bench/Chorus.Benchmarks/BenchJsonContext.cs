using System.Text.Json.Serialization;
using Chorus.Benchmarks.Fanout;
using Chorus.Benchmarks.Juries;
using Chorus.Benchmarks.Overhead;

namespace Chorus.Benchmarks;

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<OverheadRow>))]
[JsonSerializable(typeof(FanoutRow))]
[JsonSerializable(typeof(List<JuryRow>))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
