using System.Diagnostics.CodeAnalysis;

namespace Cicero.Notifications.Domain;

/// <summary>
/// A Danish CVR number (the company register number): 8 digits, no leading 0, weighted modulus 11
/// check with weights 2, 7, 6, 5, 4, 3, 2, 1.
/// </summary>
/// <remarks>
/// Input may carry a <c>DK</c> prefix (any case) and separators (spaces, hyphens, dots):
/// <c>DK-13 58 56 28</c> is <c>13585628</c>. Instances are immutable and thread-safe.
/// </remarks>
public sealed class Cvr : IEquatable<Cvr>
{
    private const int DigitCount = 8;
    private const string FormatMessage = "A CVR number must be 8 digits, optionally prefixed with DK.";
    private const string LeadingZeroMessage = "A CVR number cannot start with 0.";
    private const string CheckMessage = "The CVR number fails its modulus 11 check; look for a typing error.";

    private Cvr(string value) => Value = value;

    /// <summary>Gets the 8 digits of the CVR number, without prefix or separators.</summary>
    public string Value { get; }

    /// <summary>Parses a CVR number.</summary>
    /// <param name="value">The number, for example <c>13585628</c> or <c>DK 13 58 56 28</c>.</param>
    /// <returns>The CVR number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException"><paramref name="value"/> is not a valid CVR number.</exception>
    public static Cvr Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Create(value, out var error) ?? throw new FormatException(error);
    }

    /// <summary>Tries to parse a CVR number. Never throws.</summary>
    /// <param name="value">The number, for example <c>13585628</c> or <c>DK 13 58 56 28</c>.</param>
    /// <param name="result">The CVR number, or <see langword="null"/> when <paramref name="value"/> is not valid.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid CVR number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Cvr? result)
    {
        // Equivalent mutant: without the null test, null.AsSpan() is empty and Create fails its format check anyway.
        result = value is null ? null : Create(value, out _);
        return result is not null;
    }

    /// <inheritdoc/>
    public bool Equals(Cvr? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Cvr);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the 8 digits (<see cref="Value"/>).</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two CVR numbers for equality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or hold the same digits.</returns>
    public static bool operator ==(Cvr? left, Cvr? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two CVR numbers for inequality.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when the numbers differ.</returns>
    public static bool operator !=(Cvr? left, Cvr? right) => !(left == right);

    private static Cvr? Create(string value, out string? error)
    {
        Span<char> digits = stackalloc char[DigitCount];
        if (!TryReadDigits(value.AsSpan().Trim(), digits))
        {
            error = FormatMessage;
            return null;
        }

        if (digits[0] == '0')
        {
            error = LeadingZeroMessage;
            return null;
        }

        ReadOnlySpan<int> weights = [2, 7, 6, 5, 4, 3, 2, 1];
        var sum = 0;
        for (var i = 0; i < DigitCount; i++)
        {
            sum += (digits[i] - '0') * weights[i]; // Equivalent mutant "-=": -sum is divisible by 11 exactly when sum is.
        }

        if (sum % 11 != 0)
        {
            error = CheckMessage;
            return null;
        }

        error = null;
        return new Cvr(new string(digits));
    }

    // Reads exactly 8 ASCII digits after an optional DK prefix; spaces, hyphens and dots are skipped.
    private static bool TryReadDigits(ReadOnlySpan<char> value, Span<char> digits)
    {
        if (value.StartsWith("DK", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..];
        }

        var count = 0;
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
            else if (c is not (' ' or '-' or '.'))
            {
                return false;
            }
        }

        return count == DigitCount;
    }
}
