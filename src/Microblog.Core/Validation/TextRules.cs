using System.Globalization;
using System.Text;

namespace Microblog.Validation;

/// <summary>Checks shared by the text fields: length in text elements and control characters.</summary>
public static class TextRules
{
    /// <summary>
    /// Counts text elements (extended grapheme clusters), which is what a reader sees as one
    /// character: an emoji with modifiers or a letter with combining marks counts once.
    /// </summary>
    public static int CountTextElements(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>Returns true when the text has a control character other than those allowed.</summary>
    public static bool HasControlCharacter(string text, bool allowNewlineAndTab) =>
        FindControlCharacter(text, allowNewlineAndTab) is not null;

    /// <summary>
    /// Returns the first control, format, line separator or paragraph separator character, or
    /// null when there is none. Joiners and tag characters are allowed, and so are newline and
    /// tab when <paramref name="allowNewlineAndTab"/> is true.
    /// </summary>
    public static Rune? FindControlCharacter(string text, bool allowNewlineAndTab)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (allowNewlineAndTab && (rune.Value == '\n' || rune.Value == '\t'))
            {
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                && !IsJoiner(rune))
            {
                return rune;
            }
        }

        return null;
    }

    /// <summary>
    /// Returns true when the text has at least one letter, digit, punctuation mark or symbol
    /// other than the blank filler characters (Hangul fillers, the blank Braille pattern),
    /// which render as nothing. Spaces, combining marks and format characters alone do not count.
    /// </summary>
    public static bool HasVisibleCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800)
            {
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names a character for an error message: the character itself when printable, and its code point.</summary>
    public static string Describe(Rune rune) =>
        Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format
            ? $"U+{rune.Value:X4}"
            : $"'{rune}' (U+{rune.Value:X4})";

    /// <summary>
    /// Returns true when the text has a format character (category Cf), such as a zero-width
    /// joiner or a tag character, which are invisible and would let two strings look identical.
    /// </summary>
    public static bool HasFormatCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The message for text past its cap in UTF-16 code units; it names both caps.</summary>
    public static string TooManyCodeUnits(string field, int maxTextElements, int maxCodeUnits, int codeUnits) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{field} must be at most {maxTextElements} characters and at most {maxCodeUnits} UTF-16 code units long; it has {codeUnits} code units.");

    /// <summary>
    /// Returns true when the text is not well-formed UTF-16 (a lone surrogate) or contains the
    /// noncharacters U+FFFE or U+FFFF. <see cref="string.Normalize(NormalizationForm)"/> throws
    /// on both lone surrogates and U+FFFE, so text must pass this check before it is normalized.
    /// </summary>
    public static bool HasInvalidUnicode(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || rune.Value is 0xFFFE or 0xFFFF)
            {
                return true;
            }

            span = span[consumed..];
        }

        return false;
    }

    // Zero-width (non-)joiners and tag characters are Format characters that emoji sequences and
    // some scripts need (subdivision flags such as Scotland's are spelled with tag characters),
    // so they are allowed inside names and post bodies.
    private static bool IsJoiner(Rune rune) =>
        rune.Value is 0x200C or 0x200D || rune.Value is >= 0xE0020 and <= 0xE007F;
}
