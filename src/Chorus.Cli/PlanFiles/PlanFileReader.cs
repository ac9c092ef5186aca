using System.Globalization;
using System.Text.RegularExpressions;
using Chorus.Cli.Configuration;
using Chorus.Cli.Yaml;
using Chorus.Aggregation;
using Chorus.Estimation;
using Chorus.Voting;

namespace Chorus.Cli.PlanFiles;

/// <summary>Reads a plan file (<c>chorus run plan.yaml</c>) into a <see cref="PlanSpec"/>; every error names the file and line.</summary>
internal static partial class PlanFileReader
{
    public static readonly string[] AggregatorTypes = ["majority", "concat", "union", "jury", "judge", "guard"];

    private static readonly string[] TopKeys = ["name", "aggregator", "failure_policy", "limits", "prices", "defaults", "branches", "hedge", "attempt_timeout_s"];
    private static readonly string[] BranchKeys = ["label", "prompt", "system", "model", "temperature", "max_tokens", "repeat", "fallback_model"];
    private static readonly string[] DefaultKeys = ["prompt", "system", "model", "temperature", "max_tokens", "fallback_model"];

    public static PlanSpec Read(string path, string displayName)
    {
        YamlMap root = YamlFile.Load(path, displayName);
        root.RejectUnknownKeys("the plan", TopKeys);
        List<BranchSpec> branches = ReadBranches(root);
        (FailurePolicy policy, string? policyText) = ReadPolicy(root);
        if (policy.Kind == FailurePolicyKind.Quorum && policy.RequiredSuccesses > branches.Count)
        {
            throw root.ErrorAt("failure_policy", $"failure_policy {policyText} needs {policy.RequiredSuccesses} successful branches but the plan has only {branches.Count}",
                $"lower the quorum to at most {branches.Count}, or add branches");
        }

        AggregatorSpec aggregator = ReadAggregator(root, branches);
        YamlMap? limits = root.Map("limits");
        limits?.RejectUnknownKeys("limits", "max_concurrency", "branch_timeout_s", "deadline_s");
        return new PlanSpec(
            root.String("name") ?? Path.GetFileNameWithoutExtension(displayName),
            aggregator,
            policy,
            limits?.Int("max_concurrency", 1, 10_000),
            Seconds(limits, "branch_timeout_s"),
            Seconds(limits, "deadline_s"),
            root.Map("prices") is { } prices ? ConfigLoader.ReadPrices(prices).ToDictionary(p => p.Model, p => p.Price, StringComparer.OrdinalIgnoreCase) : new Dictionary<string, ModelPrice>(),
            branches)
        {
            Hedge = root.Bool("hedge"),
            AttemptTimeout = Seconds(root, "attempt_timeout_s"),
        };
    }

    private static List<BranchSpec> ReadBranches(YamlMap root)
    {
        YamlMap? defaults = root.Map("defaults");
        defaults?.RejectUnknownKeys("defaults", DefaultKeys);
        IReadOnlyList<YamlMap> items = root.List("branches") ?? throw root.Error("the plan has no branches", "add 'branches:' with at least one '- prompt: ...'");
        if (items.Count == 0)
        {
            throw root.ErrorAt("branches", "the plan has no branches", "add at least one '- prompt: ...'");
        }

        var branches = new List<BranchSpec>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < items.Count; i++)
        {
            YamlMap item = items[i];
            item.RejectUnknownKeys($"branch {i + 1}", BranchKeys);
            string label = item.String("label") ?? $"branch-{i + 1}";
            string prompt = item.String("prompt") ?? defaults?.String("prompt")
                ?? throw item.Error($"branch {i + 1} ('{label}') has no prompt", "add 'prompt: ...' to the branch (or to defaults)");
            int repeat = item.Int("repeat", 1, 1000) ?? 1;
            for (int k = 1; k <= repeat; k++)
            {
                string name = repeat == 1 ? label : $"{label}-{k}";
                if (!lines.TryAdd(name, item.Line))
                {
                    throw item.Error($"two branches are labelled '{name}' (the other is on line {lines[name]}); labels must be unique");
                }

                branches.Add(new BranchSpec(
                    name,
                    prompt,
                    item.String("system") ?? defaults?.String("system"),
                    item.String("model") ?? defaults?.String("model"),
                    (float?)(item.Double("temperature", 0, 2) ?? defaults?.Double("temperature", 0, 2)),
                    item.Int("max_tokens", 1) ?? defaults?.Int("max_tokens", 1),
                    item.String("fallback_model") ?? defaults?.String("fallback_model")));
            }
        }

        return branches;
    }

    private static (FailurePolicy Policy, string? Text) ReadPolicy(YamlMap root)
    {
        string? text = root.String("failure_policy");
        if (text is null)
        {
            return (FailurePolicy.BestEffort, null);
        }

        string normalized = text.Trim().ToLowerInvariant().Replace('-', '_');
        if (normalized == "best_effort")
        {
            return (FailurePolicy.BestEffort, text);
        }

        if (normalized == "fail_fast")
        {
            return (FailurePolicy.FailFast, text);
        }

        Match quorum = QuorumPattern().Match(normalized);
        if (quorum.Success && int.TryParse(quorum.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1)
        {
            return (FailurePolicy.Quorum(n), text);
        }

        throw root.ErrorAt("failure_policy", $"failure_policy must be best_effort, fail_fast or quorum(N) with N at least 1; got '{text}'");
    }

    private static AggregatorSpec ReadAggregator(YamlMap root, List<BranchSpec> branches)
    {
        (string? scalar, YamlMap? map) = root.ScalarOrMap("aggregator");
        string type = (scalar ?? map?.String("type") ?? throw root.Error("the plan has no aggregator", $"add 'aggregator: majority' (or one of {string.Join(", ", AggregatorTypes)})"))
            .Trim().ToLowerInvariant();
        if (!AggregatorTypes.Contains(type))
        {
            throw root.ErrorAt("aggregator", $"unknown aggregator '{type}'", $"choose one of: {string.Join(", ", AggregatorTypes)}");
        }

        YamlMap settings = map ?? YamlFile.Parse(root.File, "{}");
        switch (type)
        {
            case "majority":
                settings.RejectUnknownKeys("aggregator majority", "type", "tie_rule", "settle_early");
                return new AggregatorSpec(type) { TieRule = Enum<MajorityTieRule>(settings, "tie_rule"), SettleEarly = settings.Bool("settle_early") };
            case "concat":
                settings.RejectUnknownKeys("aggregator concat", "type", "separator", "section_format");
                return new AggregatorSpec(type) { Separator = settings.String("separator"), SectionFormat = settings.String("section_format") };
            case "union":
                settings.RejectUnknownKeys("aggregator union", "type");
                return new AggregatorSpec(type);
            case "jury":
                settings.RejectUnknownKeys("aggregator jury", "type", "task", "combine", "seed", "jurors");
                return new AggregatorSpec(type)
                {
                    Task = settings.String("task"), Combine = Enum<JuryCombine>(settings, "combine"), Seed = settings.Int("seed"), Jurors = ReadJurors(settings),
                };
            case "judge":
                settings.RejectUnknownKeys("aggregator judge", "type", "task", "mode", "model", "seed");
                return new AggregatorSpec(type)
                {
                    Task = settings.String("task"), JudgeMode = Enum<JudgeMode>(settings, "mode"), JudgeModel = settings.String("model"), Seed = settings.Int("seed"),
                };
            default:
                settings.RejectUnknownKeys("aggregator guard", "type", "guard_label", "fail_open");
                string guard = settings.String("guard_label") ?? "guard";
                if (!branches.Any(b => b.Label == guard) || branches.Count < 2)
                {
                    throw root.ErrorAt("aggregator", $"the guard aggregator needs a branch labelled '{guard}' and at least one other branch (the answer)");
                }

                return new AggregatorSpec(type) { GuardLabel = guard, FailOpen = settings.Bool("fail_open") };
        }
    }

    private static List<JurorSpec> ReadJurors(YamlMap settings)
    {
        IReadOnlyList<YamlMap> items = settings.List("jurors") ?? [];
        var jurors = new List<JurorSpec>();
        for (int i = 0; i < items.Count; i++)
        {
            YamlMap item = items[i];
            item.RejectUnknownKeys($"juror {i + 1}", "label", "aspect", "model", "weight");
            string aspect = item.RequiredString("aspect", $"juror {i + 1}");
            string label = item.String("label") ?? $"juror-{i + 1}";
            if (jurors.Any(j => j.Label == label))
            {
                throw item.Error($"two jurors are labelled '{label}'; labels must be unique");
            }

            jurors.Add(new JurorSpec(label, aspect, item.String("model"), item.Double("weight", 0.001) ?? 1));
        }

        return jurors.Count > 0 ? jurors : [new JurorSpec("juror-accuracy", "accuracy", null, 1)];
    }

    private static T? Enum<T>(YamlMap map, string key)
        where T : struct, Enum
    {
        if (map.String(key) is not { } text)
        {
            return null;
        }

        string[] names = [.. System.Enum.GetNames<T>().Select(Snake)];
        int index = Array.IndexOf(names, text.Trim().ToLowerInvariant().Replace('-', '_'));
        return index >= 0 ? System.Enum.GetValues<T>()[index] : throw map.ErrorAt(key, $"'{key}' must be one of {string.Join(", ", names)}; got '{text}'");
    }

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static TimeSpan? Seconds(YamlMap? map, string key) =>
        map?.Double(key, 0.001, 86_400) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    [GeneratedRegex(@"^quorum\s*\(\s*(\d+)\s*\)$")]
    private static partial Regex QuorumPattern();
}
