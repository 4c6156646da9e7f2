using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Cicero.Notifications.Domain;

/// <summary>
/// A phone number in E.164 form (<c>+4520123456</c>), validated with libphonenumber; numbers without a
/// country code are read as Danish.
/// </summary>
/// <remarks>
/// <para>
/// Danish input (<c>20 12 34 56</c>, <c>20123456</c>, <c>0045 20 12 34 56</c>, <c>+45 20123456</c>) becomes
/// <c>+45</c> and 8 digits, the first 2–9. Foreign numbers must be given in international form
/// (<c>+46 70 123 45 67</c> or <c>0046 70 123 45 67</c>) and be valid numbers of their country. Greenland
/// (+299) and the Faroe Islands (+298) are other countries, not Denmark. Input may contain digits,
/// spaces, one <c>+</c> before the digits (<c>(+45) 20 12 34 56</c>) and the separators <c>- . ( ) /</c>;
/// letters and extensions are rejected.
/// </para>
/// <para>
/// A phone number is personal data: exception messages never contain the input. Instances are
/// immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class PhoneNumber : IEquatable<PhoneNumber>
{
    private const string DefaultRegion = "DK";
    private const int DenmarkCountryCode = 45;
    private const int MaxInputLength = 40;

    private const string EmptyMessage = "A phone number cannot be empty.";
    private const string TooLongMessage = "A phone number can be at most 40 characters.";
    private const string CharactersMessage = "A phone number may contain only digits, spaces, the separators - . ( ) / and a + before the digits.";
    private const string InvalidMessage = "The phone number is not valid. Give a Danish number of 8 digits, or a foreign number with its country code (for example +46 …).";
    private const string UnallocatedMessage = "The phone number is not an allocated Danish number: it has 8 digits, but no Danish number starts with these digits. Check the number, or give a foreign number with its country code (for example +46 …).";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string value, int countryCode, bool canReceiveSms)
    {
        Value = value;
        CountryCode = countryCode;
        CanReceiveSms = canReceiveSms;
    }

    /// <summary>Gets the number in E.164 form, for example <c>+4520123456</c>.</summary>
    /// <remarks>This is personal data: do not log it.</remarks>
    public string Value { get; }

    /// <summary>Gets the country calling code, for example 45 (Denmark), 46 (Sweden), 299 (Greenland).</summary>
    public int CountryCode { get; }

    /// <summary>Gets a value indicating whether this is a Danish number (+45); Greenland and the Faroe Islands are not.</summary>
    public bool IsDanish => CountryCode == DenmarkCountryCode;

    /// <summary>Gets a value indicating whether an SMS can be sent to the number.</summary>
    /// <remarks>
    /// True for mobile numbers and for numbers libphonenumber cannot tell apart from mobile ones
    /// ("fixed line or mobile": most Danish numbers, since Danish fixed and mobile ranges overlap, and
    /// North American numbers). False for everything else: numbers known to be fixed lines only (also
    /// foreign ones, such as +46 8 …), toll-free (80 …), premium-rate (90 …), shared-cost, UAN, voicemail,
    /// VoIP, personal-number and pager numbers. The type is decided when the number is parsed.
    /// </remarks>
    public bool CanReceiveSms { get; }

    /// <summary>Parses a phone number; without a country code it is read as Danish.</summary>
    /// <param name="value">The number, for example <c>20 12 34 56</c> or <c>+46 70 123 45 67</c>.</param>
    /// <returns>The phone number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not a valid phone number.</exception>
    public static PhoneNumber Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(value, out var error) ?? throw new FormatException(error);
    }

    /// <summary>Tries to parse a phone number; without a country code it is read as Danish. Never throws.</summary>
    /// <param name="value">The number, for example <c>20 12 34 56</c> or <c>+46 70 123 45 67</c>.</param>
    /// <param name="result">The phone number, or <see langword="null"/> when <paramref name="value"/> is not valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid phone number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out PhoneNumber? result)
    {
        result = value is null ? null : Create(value, out _);
        return result is not null;
    }

    /// <inheritdoc/>
    public bool Equals(PhoneNumber? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PhoneNumber);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the number in E.164 form (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two phone numbers for equality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or have the same E.164 form.</returns>
    public static bool operator ==(PhoneNumber? left, PhoneNumber? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two phone numbers for inequality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when the numbers differ.</returns>
    public static bool operator !=(PhoneNumber? left, PhoneNumber? right) => !(left == right);

    private static PhoneNumber? Create(string value, out string? error)
    {
        var trimmed = value.Trim();
        error = trimmed.Length == 0 ? EmptyMessage
            : trimmed.Length > MaxInputLength ? TooLongMessage
            : HasOnlyAllowedCharacters(trimmed) ? null
            : CharactersMessage;
        if (error is not null)
        {
            return null;
        }

        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(trimmed, DefaultRegion);
        }
        catch (NumberParseException)
        {
            // The exception may name the input; only our own message leaves this type.
            error = InvalidMessage;
            return null;
        }

        if (parsed.HasExtension || !Util.IsValidNumber(parsed))
        {
            error = !parsed.HasExtension && IsDanishLength(parsed) ? UnallocatedMessage : InvalidMessage;
            return null;
        }

        // A valid +45 number is 8 digits, the first 2–9: libphonenumber's metadata for Denmark allows nothing else
        // (a test pins this), so no check of our own is needed here.
        var e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        var type = Util.GetNumberType(parsed);
        var canReceiveSms = type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;
        return new PhoneNumber(e164, parsed.CountryCode, canReceiveSms);
    }

    // +45 and 8 digits, the first 2–9: the right shape for Denmark, so a number libphonenumber refuses is in a range
    // that is not allocated (such as 83 …), not a typing error of length.
    private static bool IsDanishLength(PhoneNumbers.PhoneNumber parsed)
    {
        if (parsed.CountryCode != DenmarkCountryCode)
        {
            return false;
        }

        var national = Util.GetNationalSignificantNumber(parsed);
        return national.Length == 8 && national[0] is >= '2' and <= '9';
    }

    // Digits, whitespace, the separators - . ( ) / and one + before the first digit, as in "(+45) 20 12 34 56".
    private static bool HasOnlyAllowedCharacters(string value)
    {
        var digits = 0;
        var plus = false;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '+' && digits == 0 && !plus)
            {
                plus = true;
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')' or '/'))
            {
                return false;
            }
        }

        return digits > 0;
    }
}
