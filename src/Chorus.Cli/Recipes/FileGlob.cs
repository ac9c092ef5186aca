using System.Text;
using System.Text.RegularExpressions;

namespace Chorus.Cli.Recipes;

/// <summary>Expands the paths and globs given to <c>chorus map</c>: <c>*</c> and <c>?</c> within a folder name, <c>**</c> across folders.</summary>
/// <remarks>Small on purpose (no globbing package): the shell usually expands globs already; this covers quoted ones and Windows shells.</remarks>
internal static class FileGlob
{
    private static readonly char[] Wildcards = ['*', '?'];

    /// <summary>Every file matched, in the order the patterns were given, each pattern's matches sorted; duplicates dropped.</summary>
    /// <exception cref="CliUsageException">A plain path does not exist, or a pattern matched nothing.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns, string workingDirectory)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string pattern in patterns)
        {
            IEnumerable<string> matches = Match(pattern, workingDirectory);
            int before = files.Count;
            foreach (string file in matches.Where(seen.Add))
            {
                files.Add(file);
            }

            CliUsageException.Require(files.Count > before || matches.Any(), $"map: '{pattern}' matched no files.", "check the path; quote globs like 'docs/**/*.md'");
        }

        return files;
    }

    private static IEnumerable<string> Match(string pattern, string workingDirectory)
    {
        string normalized = pattern.Replace('\\', '/');
        if (normalized.IndexOfAny(Wildcards) < 0)
        {
            string path = Path.GetFullPath(pattern, workingDirectory);
            if (File.Exists(path))
            {
                return [path];
            }

            throw Directory.Exists(path)
                ? new CliUsageException($"map: '{pattern}' is a folder.", $"give its files, for example '{pattern.TrimEnd('/')}/*' or '{pattern.TrimEnd('/')}/**/*'")
                : new CliUsageException($"map: file '{pattern}' does not exist.");
        }

        // The folder part before the first wildcard is where the search starts; the rest is matched against paths below it.
        string[] segments = normalized.Split('/');
        int first = Array.FindIndex(segments, s => s.IndexOfAny(Wildcards) >= 0);
        string root = Path.GetFullPath(first == 0 ? "." : string.Join('/', segments, 0, first) + "/", workingDirectory);
        if (!Directory.Exists(root))
        {
            return [];
        }

        string[] rest = segments[first..];
        Regex regex = ToRegex(rest);
        bool recursive = rest.Length > 1 || rest.Contains("**");
        return Directory.EnumerateFiles(root, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
    }

    private static Regex ToRegex(string[] segments)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < segments.Length; i++)
        {
            string segment = segments[i];
            bool last = i == segments.Length - 1;
            if (segment == "**")
            {
                regex.Append(last ? ".*" : "(?:.*/)?");
                continue;
            }

            foreach (char c in segment)
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }

            if (!last)
            {
                regex.Append('/');
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
