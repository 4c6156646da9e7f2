using System.Globalization;

namespace Cicero.Notifications.Sending;

/// <summary>
/// The common case of <see cref="TemplateDataJson.Write"/> without <see cref="System.Text.Json.Utf8JsonWriter"/>: a flat
/// object of strings, whole numbers, booleans and nulls, written straight to UTF-16. The output is the writer's, character
/// for character (its default encoder: ASCII kept except <c>" &amp; ' + &lt; &gt; `</c>, which become <c>\u00XX</c>, a
/// backslash doubled, and every other character as <c>\uXXXX</c>); anything else — nested values, other numbers, dates,
/// control characters, surrogates — returns <see langword="false"/> and goes to the writer.
/// </summary>
internal static class FlatTemplateDataJson
{
    private const int MaxCachedChars = 8 * 1024;

    // Printable ASCII but the characters the writer's default encoder escapes: copied as they are, in bulk.
    private static readonly System.Buffers.SearchValues<char> Plain = System.Buffers.SearchValues.Create(
        " !#$%()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~");

    [ThreadStatic]
    private static char[]? t_chars;

    /// <summary>Tries to write a flat object.</summary>
    /// <param name="data">The data.</param>
    /// <param name="json">The JSON when written.</param>
    /// <returns><see langword="false"/> when the data needs the general writer.</returns>
    public static bool TryWrite(Dictionary<string, object?> data, out string json)
    {
        json = "";
        var chars = t_chars ?? new char[512];
        var length = 0;
        Append(ref chars, ref length, '{');
        var first = true;
        foreach (var (key, value) in data)
        {
            if (!first)
            {
                Append(ref chars, ref length, ',');
            }

            first = false;
            if (!TryAppendString(ref chars, ref length, key))
            {
                return false;
            }

            Append(ref chars, ref length, ':');
            var written = value switch
            {
                null => AppendText(ref chars, ref length, "null"),
                string text => TryAppendString(ref chars, ref length, text),
                bool flag => AppendText(ref chars, ref length, flag ? "true" : "false"),
                int number => AppendNumber(ref chars, ref length, number),
                long number => AppendNumber(ref chars, ref length, number),
                _ => false,
            };
            if (!written)
            {
                return false;
            }
        }

        Append(ref chars, ref length, '}');
        json = new string(chars, 0, length);
        t_chars = chars.Length <= MaxCachedChars ? chars : null;
        return true;
    }

    private static bool TryAppendString(ref char[] chars, ref int length, string text)
    {
        // Room for the worst case (every character as \uXXXX) and the quotes, so the plain run is one copy.
        var needed = length + (text.Length * 6) + 2;
        if (needed > chars.Length)
        {
            Array.Resize(ref chars, Math.Max(needed, chars.Length * 2));
        }

        chars[length++] = '"';
        var plain = text.AsSpan().IndexOfAnyExcept(Plain);
        if (plain < 0)
        {
            plain = text.Length;
        }

        text.AsSpan(0, plain).CopyTo(chars.AsSpan(length));
        length += plain;
        foreach (var c in text.AsSpan(plain))
        {
            switch (c)
            {
                case < ' ' or (>= '\uD800' and <= '\uDFFF'):
                    return false; // control characters and surrogates: the writer's rules are longer
                case '\\':
                    AppendText(ref chars, ref length, "\\\\");
                    break;
                case '"' or '&' or '\'' or '+' or '<' or '>' or '`' or > '~':
                    Append(ref chars, ref length, '\\');
                    Append(ref chars, ref length, 'u');
                    Append(ref chars, ref length, Hex(c >> 12));
                    Append(ref chars, ref length, Hex(c >> 8));
                    Append(ref chars, ref length, Hex(c >> 4));
                    Append(ref chars, ref length, Hex(c));
                    break;
                default:
                    Append(ref chars, ref length, c);
                    break;
            }
        }

        Append(ref chars, ref length, '"');
        return true;
    }

    private static bool AppendNumber(ref char[] chars, ref int length, long number)
    {
        Span<char> digits = stackalloc char[20];
        number.TryFormat(digits, out var count, provider: CultureInfo.InvariantCulture);
        foreach (var c in digits[..count])
        {
            Append(ref chars, ref length, c);
        }

        return true;
    }

    private static bool AppendText(ref char[] chars, ref int length, string text)
    {
        foreach (var c in text)
        {
            Append(ref chars, ref length, c);
        }

        return true;
    }

    private static void Append(ref char[] chars, ref int length, char c)
    {
        if (length == chars.Length)
        {
            Array.Resize(ref chars, chars.Length * 2);
        }

        chars[length++] = c;
    }

    private static char Hex(int value) => "0123456789ABCDEF"[value & 0xF];
}
