using System.Globalization;

namespace Cicero.Notifications.Domain;

/// <summary>
/// An SMS text analysed for sending: its <see cref="SmsEncoding"/>, its length in that encoding and the
/// number of segments (parts of a concatenated SMS) it needs.
/// </summary>
/// <remarks>
/// <para>
/// The text is sent in GSM 03.38 7-bit when every character is in the basic or the extension table
/// (Æ Ø Å æ ø å are basic; <c>^ { } \ [ ~ ] | €</c> and form feed cost two septets), otherwise in UCS-2.
/// A single message holds 160 septets or 70 UTF-16 units; each segment of a concatenated message holds
/// 153 septets or 67 units, and a two-septet extension character or a surrogate pair is never split
/// across two segments.
/// </para>
/// <para>
/// The text may hold personal data (a rendered message), so <see cref="ToString"/> describes the
/// analysis and does not print the text. Instances are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class SmsText : IEquatable<SmsText>
{
    private const int SingleGsm7Septets = 160;
    private const int ConcatenatedGsm7Septets = 153;
    private const int SingleUcs2Units = 70;
    private const int ConcatenatedUcs2Units = 67;

    private SmsText(string text, SmsEncoding encoding, int length, int segments)
    {
        Text = text;
        Encoding = encoding;
        Length = length;
        Segments = segments;
    }

    /// <summary>Gets the analysed text, exactly as given.</summary>
    public string Text { get; }

    /// <summary>Gets the encoding the text is sent in.</summary>
    public SmsEncoding Encoding { get; }

    /// <summary>
    /// Gets the length of the text in its encoding: septets for <see cref="SmsEncoding.Gsm7"/> (extension
    /// characters count two), UTF-16 code units for <see cref="SmsEncoding.Ucs2"/>.
    /// </summary>
    public int Length { get; }

    /// <summary>Gets the number of segments the text is sent in; an empty text is one segment.</summary>
    public int Segments { get; }

    /// <summary>Analyses a text: chooses its encoding and counts its length and segments.</summary>
    /// <param name="text">The text to send.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static SmsText Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Fast path: up to the first character outside the basic table, every character is one septet.
        var firstOther = text.AsSpan().IndexOfAnyExcept(Gsm7.Basic);
        if (firstOther < 0)
        {
            return new SmsText(text, SmsEncoding.Gsm7, text.Length, text.Length <= SingleGsm7Septets ? 1 : CountGsm7Segments(text));
        }

        var septets = firstOther;
        foreach (var c in text.AsSpan(firstOther))
        {
            var cost = Gsm7.SeptetsOf(c);
            if (cost == 0)
            {
                return AnalyzeUcs2(text);
            }

            septets += cost;
        }

        var segments = septets <= SingleGsm7Septets ? 1 : CountGsm7Segments(text);
        return new SmsText(text, SmsEncoding.Gsm7, septets, segments);
    }

    /// <summary>Counts the segments a text is sent in, as <see cref="Analyze"/> does, without keeping the analysis.</summary>
    /// <param name="text">The text to send.</param>
    /// <returns>The number of segments; an empty text is one segment.</returns>
    internal static int CountSegments(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAnyExcept(Gsm7.Basic) < 0)
        {
            return text.Length <= SingleGsm7Septets ? 1 : CountGsm7Segments(text);
        }

        return Analyze(text).Segments;
    }

    /// <summary>Tells whether the text is sent in at most <paramref name="maxSegments"/> segments.</summary>
    /// <param name="maxSegments">The largest number of segments allowed; at least 1.</param>
    /// <returns><see langword="true"/> when <see cref="Segments"/> is at most <paramref name="maxSegments"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSegments"/> is less than 1.</exception>
    public bool FitsIn(int maxSegments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        return Segments <= maxSegments;
    }

    /// <inheritdoc/>
    public bool Equals(SmsText? other) =>
        other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SmsText);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    /// <summary>Describes the analysis, for example <c>Gsm7, 42 septets, 1 segment</c>; the text itself is not included.</summary>
    /// <returns>The encoding, length and segment count.</returns>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Encoding}, {Length} {(Encoding == SmsEncoding.Gsm7 ? "septets" : "UTF-16 units")}, {Segments} {(Segments == 1 ? "segment" : "segments")}");

    /// <summary>Compares two texts for equality (ordinal comparison of <see cref="Text"/>).</summary>
    /// <param name="left">The first text.</param>
    /// <param name="right">The second text.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or hold the same text.</returns>
    public static bool operator ==(SmsText? left, SmsText? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two texts for inequality (ordinal comparison of <see cref="Text"/>).</summary>
    /// <param name="left">The first text.</param>
    /// <param name="right">The second text.</param>
    /// <returns><see langword="true"/> when the texts differ.</returns>
    public static bool operator !=(SmsText? left, SmsText? right) => !(left == right);

    private static SmsText AnalyzeUcs2(string text)
    {
        var segments = text.Length <= SingleUcs2Units ? 1 : CountUcs2Segments(text);
        return new SmsText(text, SmsEncoding.Ucs2, text.Length, segments);
    }

    // Greedy packing: an escape pair is one unit of two septets that cannot straddle a segment boundary.
    private static int CountGsm7Segments(string text)
    {
        var segments = 1;
        var used = 0;
        foreach (var c in text)
        {
            var cost = Gsm7.SeptetsOf(c);
            if (used + cost > ConcatenatedGsm7Septets)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return segments;
    }

    // Greedy packing: a surrogate pair is one unit of two UTF-16 code units that cannot straddle a boundary.
    private static int CountUcs2Segments(string text)
    {
        var segments = 1;
        var used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cost = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            if (used + cost > ConcatenatedUcs2Units)
            {
                segments++;
                used = 0;
            }

            used += cost;
            i += cost - 1;
        }

        return segments;
    }
}
