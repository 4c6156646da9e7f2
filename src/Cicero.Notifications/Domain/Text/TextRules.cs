using System.Globalization;

namespace Cicero.Notifications.Domain;

/// <summary>Checks on text that the library stores, compares or uses as a key.</summary>
internal static class TextRules
{
    /// <summary>
    /// Gets whether the text is well-formed UTF-16: every surrogate is half of a pair. A lone surrogate cannot be stored
    /// as UTF-8 (databases replace it with U+FFFD), so two different texts would become one.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when no surrogate stands alone.</returns>
    public static bool IsWellFormed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Gets whether the text is an identifier a person can read back: well-formed, no control characters and no invisible
    /// formatting characters (zero-width spaces and joiners, bidirectional overrides and isolates, the byte order mark,
    /// soft hyphens), which would make two ids look alike.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when every character is visible or a plain space.</returns>
    public static bool IsPlainIdentifier(ReadOnlySpan<char> text)
    {
        if (!IsWellFormed(text))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return false;
            }
        }

        return true;
    }
}
