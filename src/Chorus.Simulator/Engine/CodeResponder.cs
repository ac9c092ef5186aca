using System.Text.RegularExpressions;

namespace Chorus.Simulator;

/// <summary>
/// Code mode: a prompt with a <c>[code-task: NAME]</c> hint gets a program for task NAME (<c>fib</c> or <c>is_prime</c>), in C# when the
/// prompt mentions C#, else in Python, as a short reply with one fenced block. Each draw is one of four variants, fixed by the seed:
/// correct and fast (35 %), correct and slow (25 %), wrong (25 %) or never-ending (15 %).
/// </summary>
/// <remarks>
/// The programs follow the sandbox's layout: Python defines the function at module level; C# defines <c>public static class Solution</c>.
/// A <c>[code-print-env]</c> hint makes every program print its whole environment first (to test that the sandbox leaks no secret); the
/// wrong variant then fails with the environment as its error, so it also reaches the report's error lines.
/// </remarks>
internal static partial class CodeResponder
{
    public enum Variant
    {
        CorrectFast,
        CorrectSlow,
        Wrong,
        InfiniteLoop,
    }

    public static string? FindTask(string prompt)
    {
        Match hint = TaskHint().Match(prompt);
        return hint.Success ? hint.Groups[1].Value.Trim().ToLowerInvariant() : null;
    }

    public static Variant Draw(SimRandom random)
    {
        double draw = random.NextDouble();
        return draw < 0.35 ? Variant.CorrectFast : draw < 0.60 ? Variant.CorrectSlow : draw < 0.85 ? Variant.Wrong : Variant.InfiniteLoop;
    }

    public static string Reply(string task, string prompt, SimRandom random)
    {
        bool csharp = prompt.Contains("C#", StringComparison.OrdinalIgnoreCase) || prompt.Contains("csharp", StringComparison.OrdinalIgnoreCase);
        Variant variant = Draw(random);
        string? code = csharp ? CSharpCode(task, variant) : PythonCode(task, variant);
        if (code is null)
        {
            return $"I do not know the task '{task}'. The simulator's code mode knows fib and is_prime.";
        }

        if (prompt.Contains(PrintEnvironmentHint, StringComparison.OrdinalIgnoreCase))
        {
            code = csharp ? PrintEnvironmentCSharp(code, variant == Variant.Wrong) : PrintEnvironmentPython(code, variant == Variant.Wrong);
        }

        string intro = variant switch
        {
            Variant.CorrectFast => "Here is an efficient solution:",
            Variant.CorrectSlow => "Here is a straightforward solution:",
            Variant.Wrong => "Here is a solution:",
            _ => "This should do it:",
        };
        return $"{intro}\n\n```{(csharp ? "csharp" : "python")}\n{code.Trim()}\n```\n";
    }

    /// <summary>The prompt hint that makes candidates print their environment.</summary>
    public const string PrintEnvironmentHint = "[code-print-env]";

    private static string PrintEnvironmentPython(string code, bool fail)
    {
        const string Dump = "import os, sys\n_env = ' '.join(k + '=' + v for k, v in sorted(os.environ.items()))\nprint(_env)\n";
        return fail ? Dump + "sys.exit('environment: ' + _env)\n" + code : Dump + code;
    }

    private static string PrintEnvironmentCSharp(string code, bool fail)
    {
        string dump = "    static Solution()\n    {\n        string env = string.Join(\" \", System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Order().Select(k => k + \"=\" + System.Environment.GetEnvironmentVariable(k)));\n"
            + "        System.Console.WriteLine(env);\n"
            + (fail ? "        System.Console.Error.WriteLine(\"environment: \" + env);\n        System.Environment.Exit(1);\n" : string.Empty)
            + "    }\n\n";
        int body = code.IndexOf("{\n", StringComparison.Ordinal) + 2;
        return code[..body] + dump + code[body..];
    }

    private static string? PythonCode(string task, Variant variant) => (task, variant) switch
    {
        ("fib", Variant.CorrectFast) => "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a",
        ("fib", Variant.CorrectSlow) => "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)",
        ("fib", Variant.Wrong) => "def fib(n):\n    a, b = 1, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a",
        ("fib", _) => "def fib(n):\n    a, b = 0, 1\n    while n >= 0:\n        a, b = b, a + b\n    return a",
        ("is_prime", Variant.CorrectFast) => "def is_prime(n):\n    if n < 2:\n        return False\n    i = 2\n    while i * i <= n:\n        if n % i == 0:\n            return False\n        i += 1\n    return True",
        ("is_prime", Variant.CorrectSlow) => "def is_prime(n):\n    if n < 2:\n        return False\n    return all(n % i != 0 for i in range(2, n))",
        ("is_prime", Variant.Wrong) => "def is_prime(n):\n    return n % 2 == 1",
        ("is_prime", _) => "def is_prime(n):\n    i = 2\n    while i < n:\n        if n % i == 0:\n            return False\n    return n >= 2",
        _ => null,
    };

    private static string? CSharpCode(string task, Variant variant) => (task, variant) switch
    {
        ("fib", Variant.CorrectFast) => "public static class Solution\n{\n    public static long Fib(int n)\n    {\n        long a = 0, b = 1;\n        for (int i = 0; i < n; i++) { (a, b) = (b, a + b); }\n        return a;\n    }\n}",
        ("fib", Variant.CorrectSlow) => "public static class Solution\n{\n    public static long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\n}",
        ("fib", Variant.Wrong) => "public static class Solution\n{\n    public static long Fib(int n)\n    {\n        long a = 1, b = 1;\n        for (int i = 0; i < n; i++) { (a, b) = (b, a + b); }\n        return a;\n    }\n}",
        ("fib", _) => "public static class Solution\n{\n    public static long Fib(int n)\n    {\n        long a = 0, b = 1;\n        while (n >= 0) { (a, b) = (b, a + b); }\n        return a;\n    }\n}",
        ("is_prime", Variant.CorrectFast) => "public static class Solution\n{\n    public static bool IsPrime(int n)\n    {\n        if (n < 2) { return false; }\n        for (long i = 2; i * i <= n; i++) { if (n % i == 0) { return false; } }\n        return true;\n    }\n}",
        ("is_prime", Variant.CorrectSlow) => "public static class Solution\n{\n    public static bool IsPrime(int n)\n    {\n        if (n < 2) { return false; }\n        for (int i = 2; i < n; i++) { if (n % i == 0) { return false; } }\n        return true;\n    }\n}",
        ("is_prime", Variant.Wrong) => "public static class Solution\n{\n    public static bool IsPrime(int n) => n % 2 == 1;\n}",
        ("is_prime", _) => "public static class Solution\n{\n    public static bool IsPrime(int n)\n    {\n        int i = 2;\n        while (i < n) { if (n % i == 0) { return false; } }\n        return n >= 2;\n    }\n}",
        _ => null,
    };

    [GeneratedRegex(@"\[code-task:\s*([A-Za-z0-9_\-]+)\s*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TaskHint();
}
