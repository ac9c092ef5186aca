using System.Globalization;
using System.Text.RegularExpressions;

namespace Chorus.Simulator;

/// <summary>Finds and evaluates integer arithmetic (<c>+ - * / × ÷</c>, parentheses) in a prompt, e.g. "What is 17 * 23?".</summary>
internal static partial class ArithmeticEvaluator
{
    /// <summary>Returns the value of the first arithmetic expression in <paramref name="text"/> with at least one operator, formatted
    /// as an integer when exact, else with up to six decimals; <see langword="null"/> when there is none.</summary>
    public static string? FindAnswer(string text)
    {
        // A question ("What is 12 * 12?") wins over stray expressions elsewhere, such as a rubric's "score 1-10".
        foreach (Match question in Question().Matches(text))
        {
            string asked = question.Groups[1].Value.Trim().TrimEnd('.').Trim();
            if (TryEvaluate(asked, out decimal answer))
            {
                return Format(answer);
            }
        }

        foreach (Match match in Candidate().Matches(text))
        {
            string expression = match.Value.Trim().TrimEnd('.').Trim();
            if (TryEvaluate(expression, out decimal value))
            {
                return Format(value);
            }
        }

        return null;
    }

    /// <summary>Evaluates an expression that contains at least one binary operator.</summary>
    public static bool TryEvaluate(string expression, out decimal value)
    {
        var parser = new Parser(expression);
        try
        {
            value = parser.ParseExpression();
            parser.SkipSpaces();
            return parser.AtEnd && parser.Operators > 0;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or DivideByZeroException)
        {
            value = 0;
            return false;
        }
    }

    public static string Format(decimal value) =>
        decimal.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[\d\s()+\-*/×÷.]*\d[\d\s()+\-*/×÷.]*", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();

    [GeneratedRegex(@"\b(?:what\s+is|what's|compute|calculate|evaluate)\s+([\d\s()+\-*/×÷.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Question();

    private sealed class Parser(string text)
    {
        private int _position;

        public int Operators { get; private set; }

        public bool AtEnd => _position >= text.Length;

        public void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public decimal ParseExpression()
        {
            decimal value = ParseTerm();
            while (true)
            {
                if (TryTake('+', '+') is not null)
                {
                    value += ParseTerm();
                }
                else if (TryTake('-', '-') is not null)
                {
                    value -= ParseTerm();
                }
                else
                {
                    return value;
                }

                Operators++;
            }
        }

        private decimal ParseTerm()
        {
            decimal value = ParseFactor();
            while (true)
            {
                if (TryTake('*', '×') is not null)
                {
                    value *= ParseFactor();
                }
                else if (TryTake('/', '÷') is not null)
                {
                    value /= ParseFactor();
                }
                else
                {
                    return value;
                }

                Operators++;
            }
        }

        private decimal ParseFactor()
        {
            SkipSpaces();
            if (TryTake('-', '-') is not null)
            {
                return -ParseFactor();
            }

            if (TryTake('(', '(') is not null)
            {
                decimal inner = ParseExpression();
                if (TryTake(')', ')') is null)
                {
                    throw new FormatException("Missing ')'.");
                }

                return inner;
            }

            SkipSpaces();
            int start = _position;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }

            if (start == _position)
            {
                throw new FormatException("Expected a number.");
            }

            return decimal.Parse(text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        private char? TryTake(char a, char b)
        {
            SkipSpaces();
            if (_position < text.Length && (text[_position] == a || text[_position] == b))
            {
                _position++;
                return a;
            }

            return null;
        }
    }
}
