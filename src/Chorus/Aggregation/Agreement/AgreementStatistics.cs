namespace Chorus.Aggregation;

/// <summary>How much a panel's judges agreed, beyond chance.</summary>
/// <param name="FleissKappa">Fleiss' kappa over the units every judge rated; <see cref="double.NaN"/> when undefined (see <see cref="Agreement"/>).</param>
/// <param name="KrippendorffAlpha">Krippendorff's alpha over every unit, abstentions as missing values; <see cref="double.NaN"/> when undefined.</param>
/// <param name="Units">The number of units (pairs, candidates) rated.</param>
/// <param name="Raters">The number of judges that rated at least one unit.</param>
public sealed record AgreementStatistics(double FleissKappa, double KrippendorffAlpha, int Units, int Raters);
