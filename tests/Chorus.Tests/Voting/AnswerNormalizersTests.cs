using Chorus.Voting;

namespace Chorus.Tests.Voting;

public class AnswerNormalizersTests
{
    [Theory]
    [InlineData("$1,200.00", "1200")]
    [InlineData("1200", "1200")]
    [InlineData("1.2e3", "1200")]
    [InlineData("3/4", "0.75")]
    [InlineData("0.750", "0.75")]
    [InlineData("-0", "0")]
    [InlineData("50%", "50")]
    [InlineData("１２", "12")]
    [InlineData("  \"Paris.\" ", "paris")]
    [InlineData("New   York", "new york")]
    [InlineData("(B)", "b")]
    [InlineData("ﬁne", "fine")]
    [InlineData("", "")]
    public void Default_EquivalentForms_GiveOneKey(string answer, string expected)
    {
        Assert.Equal(expected, AnswerNormalizers.Default(answer));
    }

    [Theory]
    [InlineData(0.01, "3.14159", "3.14")]
    [InlineData(0.01, "3.1449", "3.14")]
    [InlineData(1, "2.5", "3")]
    [InlineData(1e-9, "0.1", "0.1")]
    [InlineData(0.5, "abc", "abc")]
    public void Numeric_Tolerance_RoundsToTheGrid(double tolerance, string answer, string expected)
    {
        Assert.Equal(expected, AnswerNormalizers.Numeric(tolerance)(answer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Numeric_BadTolerance_ThrowsWithMessage(double tolerance)
    {
        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => AnswerNormalizers.Numeric(tolerance));
        Assert.StartsWith($"The tolerance must be positive and finite, was {tolerance}.", ex.Message);
    }

    [Theory]
    [InlineData("Hello, world!", "Hello world")]
    [InlineData("3.5 - -2", "3.5 -2")]
    [InlineData("a/b 1/2", "ab 1/2")]
    [InlineData("«quoted» — text", "quoted text")]
    public void StripPunctuation_KeepsNumbersIntact(string answer, string expected)
    {
        Assert.Equal(expected, AnswerNormalizers.StripPunctuation(answer));
    }

    [Fact]
    public void Simple_Normalizers_DoOneThingEach()
    {
        Assert.Equal("abc", AnswerNormalizers.IgnoreCase("AbC"));
        Assert.Equal("a b", AnswerNormalizers.CollapseWhitespace("  a \t\n b "));
        Assert.Equal("x", AnswerNormalizers.TrimPunctuation("\"x.\""));
        Assert.Equal("fi2", AnswerNormalizers.UnicodeNfkc("ﬁ²"));
    }

    [Fact]
    public void Chain_AppliesInOrder()
    {
        Func<string, string> chain = AnswerNormalizers.Chain(s => s + "a", s => s + "b");
        Assert.Equal("xab", chain("x"));
    }
}
