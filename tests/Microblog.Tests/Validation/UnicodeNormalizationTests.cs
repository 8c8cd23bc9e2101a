using Microblog.Validation;

namespace Microblog.Tests.Validation;

/// <summary>
/// Normalization through the ICU library installed on the machine, in the same
/// globalization-invariant mode that the executables run in.
/// </summary>
public sealed class UnicodeNormalizationTests
{
    [Theory]
    [InlineData("cafe\u0301", "caf\u00e9")]
    [InlineData("\u212b", "\u00c5")]
    [InlineData("\u1100\u1161\u11a8", "\uac01")]
    [InlineData("\ufb01", "\ufb01")]
    [InlineData("\U0001F469\u200D\U0001F4BB", "\U0001F469\u200D\U0001F4BB")]
    public void FormCComposesCanonically(string text, string expected) =>
        Assert.Equal(expected, UnicodeNormalization.ToFormC(text));

    [Theory]
    [InlineData("\ufb01", "fi")]
    [InlineData("\uff21\uff22", "AB")]
    [InlineData("x\u00b2", "x2")]
    [InlineData("cafe\u0301", "caf\u00e9")]
    public void FormKCFoldsCompatibilityCharacters(string text, string expected) =>
        Assert.Equal(expected, UnicodeNormalization.ToFormKC(text));

    [Fact]
    public void NormalizedTextIsReturnedAsIs()
    {
        const string ascii = "plain ASCII text";
        var composed = new string("caf\u00e9".AsSpan());

        Assert.Same(ascii, UnicodeNormalization.ToFormC(ascii));
        Assert.Same(ascii, UnicodeNormalization.ToFormKC(ascii));
        Assert.Same(composed, UnicodeNormalization.ToFormC(composed));
    }

    [Fact]
    public void LongExpansionGetsLargerBuffer()
    {
        // U+FDFA becomes 18 characters under NFKC, far past the first buffer's slack.
        var text = new string('\ufdfa', 100);

        var normalized = UnicodeNormalization.ToFormKC(text);

        Assert.Equal(1800, normalized.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat(UnicodeNormalization.ToFormKC("\ufdfa"), 100)), normalized);
        Assert.Equal(18, UnicodeNormalization.ToFormKC("\ufdfa").Length);
    }

    [Fact]
    public void MalformedTextIsRejected()
    {
        // Built from chars: attribute arguments would turn a lone surrogate into U+FFFD.
        string[] malformed = ["lone " + (char)0xD800 + " surrogate", ((char)0xDC00).ToString()];

        Assert.All(malformed, text =>
        {
            Assert.Throws<ArgumentException>(() => UnicodeNormalization.ToFormC(text));
            Assert.Throws<ArgumentException>(() => UnicodeNormalization.ToFormKC(text));
        });
    }

    [Fact]
    public void ProcessRunsWithoutCultureData() =>
        Assert.Equal("", System.Globalization.CultureInfo.CurrentCulture.Name);
}
