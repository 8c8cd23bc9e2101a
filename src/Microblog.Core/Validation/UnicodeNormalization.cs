using System.Text;

namespace Microblog.Validation;

/// <summary>
/// Unicode normalization to NFC and NFKC through ICU, loaded on first use. The executables run
/// in globalization-invariant mode, where .NET loads no ICU and leaves strings unnormalized,
/// so a process that only handles ASCII (list-posts, validate-jwt) never loads ICU at all.
/// ASCII text is in every normalization form already.
/// NOTE: on a host without ICU, non-ASCII text throws PlatformNotSupportedException, which the
/// host turns into a logged 500; the container image and .NET's runtime-deps images include ICU.
/// </summary>
public static class UnicodeNormalization
{
    /// <summary>Returns the text in Normalization Form C (canonical composition).</summary>
    /// <exception cref="ArgumentException">The text is not well-formed UTF-16.</exception>
    /// <exception cref="PlatformNotSupportedException">ICU is not installed.</exception>
    public static string ToFormC(string text) => Normalize(text, NormalizationForm.FormC);

    /// <summary>Returns the text in Normalization Form KC (compatibility composition).</summary>
    /// <exception cref="ArgumentException">The text is not well-formed UTF-16.</exception>
    /// <exception cref="PlatformNotSupportedException">ICU is not installed.</exception>
    public static string ToFormKC(string text) => Normalize(text, NormalizationForm.FormKC);

    private static string Normalize(string text, NormalizationForm form)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return text;
        }

        if (TextRules.HasInvalidUnicode(text))
        {
            throw new ArgumentException("The text is not well-formed UTF-16 and cannot be normalized.", nameof(text));
        }

        return IcuNormalizer.Instance.Normalize(text, form);
    }
}
