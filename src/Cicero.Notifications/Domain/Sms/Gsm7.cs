namespace Cicero.Notifications.Domain;

/// <summary>
/// The GSM 03.38 default alphabet as a lookup table: how many septets a UTF-16 character costs in
/// GSM 7-bit encoding, or 0 when it cannot be encoded.
/// </summary>
/// <remarks>
/// Position 0x1B of the basic table is the escape to the extension table, not a character: a text
/// holding U+001B cannot be sent faithfully in GSM 7-bit (the receiver would merge it with the next
/// character), so it is not in <see cref="BasicCharacters"/> and forces UCS-2.
/// </remarks>
internal static class Gsm7
{
    /// <summary>The characters of the basic table (one septet each), in table order, without the escape.</summary>
    internal const string BasicCharacters =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The characters of the extension table (two septets each: the escape and the character).</summary>
    internal const string ExtensionCharacters = "\f^{}\\[~]|€";

    private const char EuroSign = '\u20AC';

    // Every GSM character but the euro sign is below U+0400 (Latin-1 and the Greek capitals).
    private const int TableSize = 0x400;

    private static readonly byte[] Septets = BuildTable();

    /// <summary>The basic table as a vectorized set: most texts are all basic characters, found in one scan.</summary>
    internal static readonly System.Buffers.SearchValues<char> Basic = System.Buffers.SearchValues.Create(BasicCharacters);

    /// <summary>Returns the septets <paramref name="c"/> costs in GSM 7-bit: 1 (basic), 2 (extension) or 0 (not encodable).</summary>
    internal static int SeptetsOf(char c) =>
        c < TableSize ? Septets[c] : c == EuroSign ? 2 : 0;

    private static byte[] BuildTable()
    {
        var table = new byte[TableSize];
        foreach (var c in BasicCharacters)
        {
            table[c] = 1;
        }

        foreach (var c in ExtensionCharacters)
        {
            // Only the euro sign lies past the table, far from its edge: "<=" here is an equivalent mutant.
            if (c < TableSize)
            {
                table[c] = 2;
            }
        }

        return table;
    }
}
