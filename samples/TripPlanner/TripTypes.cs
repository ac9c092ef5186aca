using System.Text.Json.Serialization;

namespace TripPlanner;

/// <summary>What the budget section fills in.</summary>
public sealed record BudgetSection(string Destination, int Days, decimal TotalBudget, decimal DailyBudget, string Currency);

/// <summary>What the activities section fills in.</summary>
public sealed record ActivitiesSection(string Destination, IReadOnlyList<Activity> Activities);

/// <summary>What the logistics section fills in.</summary>
public sealed record LogisticsSection(string Destination, string Hotel, IReadOnlyList<Leg> Transport);

/// <summary>One activity: its cost and how long it takes.</summary>
public sealed record Activity(string Name, decimal Cost, double DurationHours);

/// <summary>One trip between places, with its travel time.</summary>
public sealed record Leg(string From, string To, int TravelMinutes);

/// <summary>The merged plan: every section's fields together (null where no section set one).</summary>
public sealed record TripPlan(
    string? Destination,
    int? Days,
    decimal? TotalBudget,
    decimal? DailyBudget,
    string? Currency,
    IReadOnlyList<Activity>? Activities,
    string? Hotel,
    IReadOnlyList<Leg>? Transport);

/// <summary>The day-by-day itinerary written from the merged plan.</summary>
public sealed record Itinerary(IReadOnlyList<ItineraryDay> Days);

/// <summary>One day of the itinerary.</summary>
public sealed record ItineraryDay(int Day, IReadOnlyList<ItineraryItem> Items);

/// <summary>One item of a day: an activity, when it starts, how long it takes and the travel before it.</summary>
public sealed record ItineraryItem(string Activity, string Start, double DurationHours, int TravelMinutes);

/// <summary>Source-generated metadata; required members and nullability show in the exported schemas.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(BudgetSection))]
[JsonSerializable(typeof(ActivitiesSection))]
[JsonSerializable(typeof(LogisticsSection))]
[JsonSerializable(typeof(TripPlan))]
[JsonSerializable(typeof(Itinerary))]
internal sealed partial class TripJson : JsonSerializerContext;
