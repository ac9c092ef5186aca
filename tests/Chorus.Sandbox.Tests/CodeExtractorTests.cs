namespace Chorus.Sandbox.Tests;

public class CodeExtractorTests
{
    [Fact]
    public void Extract_TaggedAndUntaggedBlocks_PrefersTheLanguage()
    {
        string reply = "Here:\n```\nnot this\n```\nand\n```python\ndef f():\n    return 1\n```\nmore\n```py\nX = 2\n```\n";

        Assert.Equal("def f():\n    return 1\n\nX = 2\n", CodeExtractor.Extract(reply, CodeLanguage.Python));
    }

    [Fact]
    public void Extract_OnlyUntagged_UsesThem()
    {
        Assert.Equal("print(1)\n", CodeExtractor.Extract("```\r\nprint(1)\r\n```", CodeLanguage.Python));
    }

    [Fact]
    public void Extract_OtherLanguageOnly_ReturnsNull()
    {
        Assert.Null(CodeExtractor.Extract("```csharp\nclass A {}\n```", CodeLanguage.Python));
        Assert.Equal("class A {}\n", CodeExtractor.Extract("```c#\nclass A {}\n```", CodeLanguage.CSharp));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("def f(): return 1")]
    [InlineData("```python\n\n```")]
    public void Extract_NoFencedCode_ReturnsNull(string? reply)
    {
        Assert.Null(CodeExtractor.Extract(reply, CodeLanguage.Python));
    }
}
