namespace Cicero.Notifications.Domain;

/// <summary>The character encoding an SMS is sent in, which decides how many characters fit in a segment.</summary>
public enum SmsEncoding
{
    /// <summary>
    /// The GSM 03.38 7-bit default alphabet: 160 septets in a single message, 153 per segment of a
    /// concatenated one. Characters of the extension table (<c>^ { } \ [ ~ ] | €</c> and form feed) cost two septets.
    /// </summary>
    Gsm7,

    /// <summary>
    /// UCS-2 (counted in UTF-16 code units): 70 units in a single message, 67 per segment of a
    /// concatenated one. Used as soon as one character is outside the GSM 03.38 tables.
    /// </summary>
    Ucs2,
}
