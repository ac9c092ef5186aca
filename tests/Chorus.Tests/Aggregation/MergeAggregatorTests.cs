using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Chorus.Aggregation;

namespace Chorus.Tests.Aggregation;

public sealed record Trip(string? Destination, int? Days, decimal? Budget, Hotel? Hotel, IReadOnlyList<string>? Activities);

public sealed record Hotel(string? Name, int? Nights);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(Trip))]
internal sealed partial class MergeTestJsonContext : JsonSerializerContext;

/// <summary>Merge passes the answer contract with replies that are JSON sections carrying the word as the destination.</summary>
public sealed class MergeAggregatorTests : AnswerAggregatorContractTests<MergeResult<Trip>>
{
    protected override IAggregator<MergeResult<Trip>> CreateAggregator() => Aggregators.Merge(MergeTestJsonContext.Default.Trip);

    protected override string Answer(string word) => $$"""{"destination":"{{word}}"}""";

    protected override string ResultText(MergeResult<Trip> value) => value.Value.Destination ?? string.Empty;

    [Fact]
    public async Task CompleteAsync_NoSectionSucceeded_ThrowsCountingStatuses()
    {
        AggregationException ex = await Assert.ThrowsAsync<AggregationException>(() => CreateAggregator().RunAsync(TestOutcomes.Failed(0), TestOutcomes.Failed(1, status: BranchStatus.TimedOut)));

        Assert.Equal("No section could be merged: 1 failed, 1 timed out.", ex.Message);
        Assert.Equal("merge", CreateAggregator().Name);
    }

    [Fact]
    public async Task CompleteAsync_DisjointSections_MergesByFieldWithSources()
    {
        AggregationResult<MergeResult<Trip>> result = await CreateAggregator().RunAsync(
            TestOutcomes.Ok(0, """{"destination":"Lisbon","days":3,}""", "budget"),
            TestOutcomes.Ok(1, """Sure! ```json\n{"activities":["tram 28","fado"],"destination":"Lisbon"}\n```""", "activities"),
            TestOutcomes.Ok(2, """{"hotel":{"name":"Alfama Inn","nights":3},"budget":null}""", "logistics"));

        Trip trip = result.Value.Value;
        Assert.Equal("Lisbon", trip.Destination);
        Assert.Equal(3, trip.Days);
        Assert.Null(trip.Budget);   // null means "not set", not a conflict
        Assert.Equal("Alfama Inn", trip.Hotel!.Name);
        Assert.Equal(["tram 28", "fado"], trip.Activities);
        Assert.Empty(result.Value.Conflicts);   // equal values agree
        Assert.Equal("budget", result.Value.Sources["destination"]);
        Assert.Equal("logistics", result.Value.Sources["hotel"]);
        Assert.Equal("merged 3 sections into 4 fields; 0 conflicts", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_TwoSectionsSetOneFieldDifferently_KeepsFirstAndListsConflict()
    {
        AggregationResult<MergeResult<Trip>> result = await CreateAggregator().RunAsync(
            TestOutcomes.Ok(0, """{"destination":"Lisbon","hotel":{"name":"A","nights":3}}""", "budget"),
            TestOutcomes.Ok(1, """{"destination":"Porto","days":2}""", "activities"),
            TestOutcomes.Ok(2, """{"destination":"Faro","hotel":{"nights":4}}""", "logistics"));

        Assert.Equal("Lisbon", result.Value.Value.Destination);
        Assert.Equal(3, result.Value.Value.Hotel!.Nights);
        Assert.Equal(2, result.Value.Conflicts.Count);
        MergeConflict destination = result.Value.Conflicts[0];
        Assert.Equal("destination", destination.Field);
        Assert.Equal("budget", destination.KeptFrom);
        Assert.Equal(["budget=\"Lisbon\"", "activities=\"Porto\"", "logistics=\"Faro\""], destination.Values.Select(v => $"{v.Section}={v.Json}"));
        MergeConflict nights = result.Value.Conflicts[1];
        Assert.Equal("hotel.nights", nights.Field);
        Assert.Equal("budget", nights.KeptFrom);   // set as part of the whole hotel object
        Assert.Equal(3, result.Decision.Evidence.Single(e => e.Key == "conflict/destination").Value);
        Assert.Contains("2 conflicts (destination: budget=\"Lisbon\" vs activities=\"Porto\" vs logistics=\"Faro\"; hotel.nights: budget=3 vs logistics=4)", result.Decision.Summary);
    }

    [Fact]
    public async Task CompleteAsync_FailOnConflict_Throws()
    {
        IAggregator<MergeResult<Trip>> merge = Aggregators.Merge(MergeTestJsonContext.Default.Trip, new MergeOptions { FailOnConflict = true });

        AggregationException ex = await Assert.ThrowsAsync<AggregationException>(() => merge.RunAsync(
            TestOutcomes.Ok(0, """{"days":3}"""), TestOutcomes.Ok(1, """{"days":4}""")));

        Assert.Equal("The sections conflict: days: b0=3 vs b1=4.", ex.Message);
        Assert.Equal("""{"days":3}""", ex.RawOutput);
    }

    [Fact]
    public async Task CompleteAsync_FailedAndUnreadableSections_AreListedNotMerged()
    {
        AggregationResult<MergeResult<Trip>> result = await CreateAggregator().RunAsync(
            TestOutcomes.Ok(0, """{"days":3}"""), TestOutcomes.Failed(1, "down"), TestOutcomes.Ok(2, "no json here"));

        Assert.Equal(["b1: failed: down", "b2: its reply holds no JSON object"], result.Value.Unusable);
        Assert.Contains(result.Decision.Evidence, e => e.Key == "unusable/b2");
    }

    [Fact]
    public async Task CompleteAsync_WrongTypeForField_ThrowsWithMergedJson()
    {
        AggregationException ex = await Assert.ThrowsAsync<AggregationException>(() => CreateAggregator().RunAsync(TestOutcomes.Ok(0, """{"days":"three"}""")));

        Assert.StartsWith("The merged sections do not make a valid Trip:", ex.Message);
        Assert.Equal("""{"days":"three"}""", ex.RawOutput);
    }

    [Fact]
    public async Task CompleteAsync_Synthesizer_WritesFinalTextAsSecondStage()
    {
        string? prompt = null;
        var synthesizer = new ScriptedChatClient((messages, _, _) =>
        {
            prompt = messages.Last().Text;
            return Task.FromResult(ScriptedChatClient.Reply("Three days in Lisbon."));
        });
        var stage = new TestStageRunner();
        IAggregation<MergeResult<Trip>> aggregation = Aggregators.Merge(MergeTestJsonContext.Default.Trip, new MergeOptions { Synthesizer = synthesizer }).Begin(2);
        BranchOutcome[] outcomes = [TestOutcomes.Ok(0, """{"days":3}"""), TestOutcomes.Ok(1, """{"days":4,"destination":"Lisbon"}""")];
        aggregation.AddAll(outcomes);

        AggregationResult<MergeResult<Trip>> result = await aggregation.CompleteAsync(stage.Context(outcomes));

        Assert.Equal("Three days in Lisbon.", result.Value.Text);
        Assert.Equal("synthesize", stage.Stages.Single().Stage);
        Assert.Contains("""{"days":3,"destination":"Lisbon"}""", prompt);
        Assert.Contains("- days: kept b0's value; b0=3 vs b1=4", prompt);
    }

    [Fact]
    public void TypedSection_Create_SetsExportedSchema()
    {
        Branch branch = TypedSection.Create("budget", new ScriptedChatClient("x"), "plan the budget", MergeTestJsonContext.Default.Trip);

        var format = Assert.IsType<ChatResponseFormatJson>(branch.Options!.ResponseFormat);
        Assert.Equal("Trip", format.SchemaName);
        System.Text.Json.JsonElement properties = format.Schema!.Value.GetProperty("properties");
        Assert.Equal(["destination", "days", "budget", "hotel", "activities"], properties.EnumerateObject().Select(p => p.Name));
        Assert.False(format.Schema.Value.GetProperty("additionalProperties").GetBoolean());
    }
}
