using System.Text.RegularExpressions;
using Chorus.Voting;

namespace Chorus.Tests.Voting;

public class AnswerExtractorsTests
{
    [Theory]
    [InlineData("She has 3 apples, then buys 5 more, so 8.", "8")]
    [InlineData("The total is $1,234.50.", "1234.50")]
    [InlineData("It costs €12", "12")]
    [InlineData("The temperature fell to -7 degrees.", "-7")]
    [InlineData("The result is −3", "-3")]
    [InlineData("He ran 12.5 km in 2 hours", "2")]
    [InlineData("Each gets 3/4 of a pie", "3/4")]
    [InlineData("That is 1 1/2 cups", "1 1/2")]
    [InlineData(@"so x = \frac{3}{4}", "3/4")]
    [InlineData("Completed on 2023-01-13", "13")]
    [InlineData("The growth was 45%.", "45")]
    [InlineData("1,000,000 people", "1000000")]
    [InlineData("Version v2 shipped", null)]
    [InlineData("No numbers here.", null)]
    [InlineData("", null)]
    [InlineData("A .5 chance", ".5")]
    [InlineData("12,34", "34")]
    public void LastNumber_TrickyText_FindsTheLastNumber(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.LastNumber(text));
    }

    [Theory]
    [InlineData("Concatenating them is 'yajo'. The answer is yajo.", "yajo")]
    [InlineData("So the answer is: 3.14. Done", "3.14")]
    [InlineData("The final answer is **42**", "42")]
    [InlineData("Final answer: \"Paris\"", "Paris")]
    [InlineData("Natalia sold 48/2 = 24 clips in May.\n#### 72", "72")]
    [InlineData("The answer is 7.\nWait, the answer is 9.", "9")]
    [InlineData("The answer isn't obvious, it is 5", null)]
    [InlineData("Answer = x + 1", "x + 1")]
    [InlineData("I do not know", null)]
    public void AnswerIs_TrickyText_TakesTheLastStatedAnswer(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.AnswerIs(text));
    }

    [Theory]
    [InlineData("Among the options, the answer is (B).", "B")]
    [InlineData("Answer: c", "C")]
    [InlineData("I pick option D because it fits.", "D")]
    [InlineData("(A) is wrong; (C) is right", "C")]
    [InlineData("**E**", "E")]
    [InlineData("B", "B")]
    [InlineData("A dog barked at (F)", null)]
    [InlineData("A good answer would be hard", null)]
    public void MultipleChoice_TrickyText_FindsTheLetter(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.MultipleChoice("ABCDE")(text));
    }

    [Theory]
    [InlineData(@"Thus $\boxed{\frac{1}{2}}$.", @"\frac{1}{2}")]
    [InlineData(@"first \boxed{3} then \boxed{ 5 }", "5")]
    [InlineData(@"\fbox{x^2}", "x^2")]
    [InlineData(@"\boxed{unclosed", null)]
    [InlineData("no box", null)]
    public void Boxed_TrickyText_TakesTheLastBalancedBox(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.Boxed(text));
    }

    [Theory]
    [InlineData("{\"answer\": \"Paris\"}", "answer", "Paris")]
    [InlineData("Here you go:\n```json\n{\"Answer\": 42}\n```", "answer", "42")]
    [InlineData("{\"result\": {\"answer\": true}}", "result.answer", "true")]
    [InlineData("{\"items\": [\"x\", \"y\"]}", "items.1", "y")]
    [InlineData("{\"answer\": null}", "answer", null)]
    [InlineData("{\"other\": 1}", "answer", null)]
    [InlineData("not json at all", "answer", null)]
    public void JsonField_TrickyText_ReadsTheField(string text, string path, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.JsonField(path)(text));
    }

    [Theory]
    [InlineData("Try:\n```python\nprint(1)\n```\nor\n```js\nconsole.log(2)\n```", null, "console.log(2)")]
    [InlineData("Try:\n```python\nprint(1)\n```\nor\n```js\nconsole.log(2)\n```", "python", "print(1)")]
    [InlineData("```\n\n```", null, null)]
    [InlineData("no code", null, null)]
    public void FencedCode_TrickyText_TakesTheLastBlock(string text, string? language, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.FencedCode(language)(text));
    }

    [Theory]
    [InlineData("Yes, because the sky is blue.", "yes")]
    [InlineData("No. It is not.", "no")]
    [InlineData("Some say yes, others say no; the answer is no.", "no")]
    [InlineData("Let me think... the statement is True", "yes")]
    [InlineData("I think it is false.", "no")]
    [InlineData("Nobody knows", null)]
    public void YesNo_TrickyText_MapsToYesOrNo(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.YesNo(text));
    }

    [Theory]
    [InlineData(@"Total: (?<answer>\d+)", "Total: 3, Total: 4", "4")]
    [InlineData(@"score (\d+)/10", "score 7/10", "7")]
    [InlineData(@"\d+", "a 1 b 22", "22")]
    [InlineData(@"zzz", "abc", null)]
    public void Regex_Pattern_TakesNamedGroupElseFirstGroupElseMatch(string pattern, string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.Regex(pattern)(text));
    }

    [Fact]
    public void Regex_InvalidPattern_ThrowsArgumentException()
    {
        Assert.Throws<RegexParseException>(() => AnswerExtractors.Regex("(unclosed"));
    }

    [Theory]
    [InlineData("The last letter of 'Whitney' is 'y'. Concatenating them is 'yajo'. The answer is yajo.", "yajo")]
    [InlineData("She earns 12 * 5 = 60 dollars. The answer is 60.", "60")]
    [InlineData("So the answer is 5 + 3 = 8.", "8")]
    [InlineData("The answer is 18 apples.", "18")]
    [InlineData("The answer is $1,200.", "1200")]
    [InlineData("Natalia sold 24 clips.\n#### 72", "72")]
    [InlineData(@"Hence the result is $\boxed{17}$ and 20 later", "17")]
    [InlineData("Among A through E, the answer is (C).", "C")]
    [InlineData("The answer is a dog.", "a dog")]
    [InlineData("{\"answer\": \"blue\", \"confidence\": 0.9}", "blue")]
    [InlineData("48 / 2 = 24, then 48 + 24 = 72", "72")]
    [InlineData("Paris", "Paris")]
    [InlineData("  yajo \n", "yajo")]
    [InlineData("28", "28")]
    [InlineData("Concatenating the letters gives a word that I will not repeat here because it is long and this sentence is longer than any bare answer.", null)]
    [InlineData("", null)]
    public void Auto_RawModelOutput_FindsTheAnswerWithoutConfiguration(string text, string? expected)
    {
        Assert.Equal(expected, AnswerExtractors.Auto(text));
    }

    [Fact]
    public void FirstOf_FirstFinds_LaterAreNotNeeded()
    {
        Func<string, string?> extractor = AnswerExtractors.FirstOf(AnswerExtractors.Boxed, AnswerExtractors.LastNumber);
        Assert.Equal("3", extractor(@"\boxed{3} and 4"));
        Assert.Equal("4", extractor("3 and 4"));
        Assert.Null(extractor("none"));
    }

    [Fact]
    public void FirstOf_Empty_ThrowsWithMessage()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AnswerExtractors.FirstOf());
        Assert.StartsWith("FirstOf needs at least one extractor; got 0.", ex.Message);
    }

    [Fact]
    public void MultipleChoice_NonLetters_ThrowsWithMessage()
    {
        ArgumentException ex = Assert.Throws<ArgumentException>(() => AnswerExtractors.MultipleChoice("AB1"));
        Assert.StartsWith("Choices must be ASCII letters, was 'AB1'.", ex.Message);
    }

    [Fact]
    public void WholeText_Blank_IsNullElseTrimmed()
    {
        Assert.Null(AnswerExtractors.WholeText("  "));
        Assert.Equal("a b", AnswerExtractors.WholeText(" a b \n"));
    }
}
