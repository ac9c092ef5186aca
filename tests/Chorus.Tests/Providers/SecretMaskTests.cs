using Chorus.Providers;

namespace Chorus.Tests.Providers;

public class SecretMaskTests
{
    [Fact]
    public void Apply_WholeKey_IsMasked()
    {
        var mask = new SecretMask("sk-test-XYZ123456");

        Assert.Equal("key=***; again ***", mask.Apply("key=sk-test-XYZ123456; again sk-test-XYZ123456"));
    }

    [Theory]
    [InlineData("sk-test-")]          // a prefix of 8
    [InlineData("XYZ12345")]          // the middle
    [InlineData("test-XYZ1234")]      // a longer part
    public void Apply_PartOfTheKeyAtLeastEightLong_IsMasked(string part)
    {
        var mask = new SecretMask("sk-test-XYZ123456");

        string masked = mask.Apply($"printed: {part}!");

        Assert.DoesNotContain(part, masked, StringComparison.Ordinal);
        Assert.Contains("***", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AnyEightCharacterWindowOfTheKey_NeverSurvives()
    {
        const string Key = "sk-test-XYZ";
        var mask = new SecretMask(Key);
        string text = $"env: OPENAI_API_KEY={Key} URL https://h/?key={Key[2..]} tail {Key[..9]}";

        string masked = mask.Apply(text);

        for (int i = 0; i + 8 <= Key.Length; i++)
        {
            Assert.DoesNotContain(Key.Substring(i, 8), masked, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Apply_ShortPartsAndNoSecrets_LeaveTextAlone()
    {
        Assert.Equal("sk-test is a prefix", new SecretMask("sk-test-XYZ123456").Apply("sk-test is a prefix"));
        Assert.Equal("anything", SecretMask.None.Apply("anything"));
        Assert.True(new SecretMask(null, "").IsEmpty);
    }
}
