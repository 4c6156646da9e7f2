using System.Diagnostics.CodeAnalysis;

namespace Cicero.Notifications.Domain;

/// <summary>
/// Identifies a borrower (Danish: <em>låner</em>) as the host's library system knows it, for example a
/// borrower number. Not a CPR number: use <see cref="Cpr"/> for that.
/// </summary>
/// <remarks>
/// 1–64 printable characters without surrounding white space, invisible formatting characters (zero-width or
/// bidirectional) or broken surrogate pairs; compared ordinally. Immutable. Many Danish libraries use
/// the CPR number as borrower number: an id that is a valid CPR number is shown masked (<c>DDMMYY-xxxx</c>) by
/// <see cref="Display"/> and <see cref="ToString"/>, so it never reaches an exception message or a log in full.
/// </remarks>
public sealed class BorrowerId : IEquatable<BorrowerId>
{
    /// <summary>The longest borrower id accepted.</summary>
    public const int MaxLength = 64;

    private BorrowerId(string value)
    {
        Value = value;
        Display = value.Length is 10 or 11 && Cpr.TryParse(value, out var cpr) ? cpr.Masked : value;
    }

    /// <summary>Gets the id as the host gave it. May be personal data (a CPR number): use <see cref="Display"/> to show it.</summary>
    public string Value { get; }

    /// <summary>Gets the id for display and diagnostics: as <see cref="Value"/>, except that a CPR number is masked.</summary>
    public string Display { get; }

    /// <summary>Parses a borrower id.</summary>
    /// <param name="value">The id.</param>
    /// <returns>The borrower id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// The id is empty, longer than 64 characters, has surrounding white space, control or invisible formatting
    /// characters, or a broken surrogate pair.
    /// </exception>
    public static BorrowerId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id)
            ? id
            : throw new FormatException(
                "A borrower id must be 1–64 printable characters without surrounding white space, control or invisible formatting characters (zero-width, bidirectional) or broken surrogate pairs.");
    }

    /// <summary>Tries to parse a borrower id.</summary>
    /// <param name="value">The id.</param>
    /// <param name="id">The borrower id when valid.</param>
    /// <returns><see langword="true"/> when the id is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out BorrowerId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
            || !TextRules.IsPlainIdentifier(value))
        {
            return false;
        }

        id = new BorrowerId(value);
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(BorrowerId? other) => ReferenceEquals(this, other) || (other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as BorrowerId);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns <see cref="Display"/>: never a full CPR number.</summary>
    /// <returns>The id for display.</returns>
    public override string ToString() => Display;

    /// <summary>Compares two borrower ids.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(BorrowerId? left, BorrowerId? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two borrower ids.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(BorrowerId? left, BorrowerId? right) => !(left == right);
}
