using System.Diagnostics.CodeAnalysis;

namespace Cicero.Notifications.Domain;

/// <summary>
/// A Danish CPR number (personnummer), <c>DDMMYY-SSSS</c>: a real birth date and a serial whose first
/// digit, with the two-digit year, gives the century.
/// </summary>
/// <remarks>
/// <para>
/// The modulus 11 check is deliberately not enforced: since 2007 valid CPR numbers without a check digit
/// are issued (cpr.dk). The century comes from the 7th digit: 0–3 → 1900–1999; 4 or 9 → 2000–2036 when
/// the year is 00–36, else 1937–1999; 5–8 → 2000–2057 when the year is 00–57, else 1858–1899.
/// </para>
/// <para>
/// A CPR number is personal data. <see cref="ToString"/> returns the masked form
/// (<c>DDMMYY-xxxx</c>) and exception messages never contain the input. Instances are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class Cpr : IEquatable<Cpr>
{
    private const int DigitCount = 10;
    private const string FormatMessage = "A CPR number must be 10 digits (DDMMYY-SSSS).";
    private const string DateMessage = "The first six digits of a CPR number must be a real date (DDMMYY).";
    private const string FutureMessage = "The birth date of a CPR number cannot be in the future.";

    private Cpr(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
        Masked = string.Concat(value.AsSpan(0, 6), "-xxxx");
    }

    /// <summary>Gets the 10 digits of the CPR number, without hyphen.</summary>
    /// <remarks>
    /// This is personal data: never log it, never put it in an exception message or a metric. Use it
    /// only to store the number or to hand it to Digital Post; show <see cref="Masked"/> to people.
    /// </remarks>
    public string Value { get; }

    /// <summary>Gets the birth date the CPR number encodes.</summary>
    public DateOnly BirthDate { get; }

    /// <summary>Gets the masked form <c>DDMMYY-xxxx</c>, fit for printed documents and screens.</summary>
    public string Masked { get; }

    /// <summary>
    /// Parses a CPR number without checking that the birth date is in the past: meant for values read back
    /// from trusted storage. Use <see cref="Parse(string, DateOnly)"/> for input from people.
    /// </summary>
    /// <param name="value">The number, <c>DDMMYY-SSSS</c>; the hyphen and spaces are optional.</param>
    /// <returns>The CPR number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not a valid CPR number.</exception>
    public static Cpr Parse(string value) => ParseCore(value, today: null);

    /// <summary>Parses a CPR number and rejects a birth date after <paramref name="today"/>.</summary>
    /// <param name="value">The number, <c>DDMMYY-SSSS</c>; the hyphen and spaces are optional.</param>
    /// <param name="today">Today's date (from the caller's clock, in Danish time).</param>
    /// <returns>The CPR number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not a valid CPR number or its birth date is in the future.</exception>
    public static Cpr Parse(string value, DateOnly today) => ParseCore(value, today);

    /// <summary>
    /// Tries to parse a CPR number without checking that the birth date is in the past: meant for values
    /// read back from trusted storage. Never throws.
    /// </summary>
    /// <param name="value">The number, <c>DDMMYY-SSSS</c>; the hyphen and spaces are optional.</param>
    /// <param name="result">The CPR number, or <see langword="null"/> when <paramref name="value"/> is not valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid CPR number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Cpr? result)
    {
        result = value is null ? null : Create(value, today: null, out _);
        return result is not null;
    }

    /// <summary>Tries to parse a CPR number, rejecting a birth date after <paramref name="today"/>. Never throws.</summary>
    /// <param name="value">The number, <c>DDMMYY-SSSS</c>; the hyphen and spaces are optional.</param>
    /// <param name="today">Today's date (from the caller's clock, in Danish time).</param>
    /// <param name="result">The CPR number, or <see langword="null"/> when <paramref name="value"/> is not valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid CPR number with a birth date no later than <paramref name="today"/>.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, DateOnly today, [NotNullWhen(true)] out Cpr? result)
    {
        result = value is null ? null : Create(value, today, out _);
        return result is not null;
    }

    /// <inheritdoc/>
    public bool Equals(Cpr? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Cpr);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the masked form <c>DDMMYY-xxxx</c>; never the full number.</summary>
    /// <returns><see cref="Masked"/>.</returns>
    public override string ToString() => Masked;

    /// <summary>Compares two CPR numbers for equality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or hold the same digits.</returns>
    public static bool operator ==(Cpr? left, Cpr? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two CPR numbers for inequality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when the numbers differ.</returns>
    public static bool operator !=(Cpr? left, Cpr? right) => !(left == right);

    private static Cpr ParseCore(string value, DateOnly? today)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(value, today, out var error) ?? throw new FormatException(error);
    }

    private static Cpr? Create(string value, DateOnly? today, out string? error)
    {
        Span<char> digits = stackalloc char[DigitCount];
        if (!TryReadDigits(value, digits))
        {
            error = FormatMessage;
            return null;
        }

        var day = TwoDigits(digits, 0);
        var month = TwoDigits(digits, 2);
        var year = Century(digits[6] - '0', TwoDigits(digits, 4)) + TwoDigits(digits, 4);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = DateMessage;
            return null;
        }

        var birthDate = new DateOnly(year, month, day);
        if (birthDate > today)
        {
            error = FutureMessage;
            return null;
        }

        error = null;
        return new Cpr(new string(digits), birthDate);
    }

    // Reads exactly 10 ASCII digits; spaces anywhere and one hyphen after the sixth digit are allowed.
    private static bool TryReadDigits(string value, Span<char> digits)
    {
        var count = 0;
        var hyphen = false;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == DigitCount)
                {
                    return false;
                }

                digits[count++] = c;
            }
            else if (c == '-' && count == 6 && !hyphen)
            {
                hyphen = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return count == DigitCount;
    }

    private static int TwoDigits(ReadOnlySpan<char> digits, int start) =>
        ((digits[start] - '0') * 10) + (digits[start + 1] - '0');

    private static int Century(int seventhDigit, int twoDigitYear) => seventhDigit switch
    {
        <= 3 => 1900,
        4 or 9 => twoDigitYear <= 36 ? 2000 : 1900,
        _ => twoDigitYear <= 57 ? 2000 : 1800,
    };
}
