using System.Diagnostics.CodeAnalysis;
namespace Cicero.Notifications.Domain;
/// <summary>Stand-in (replaced by the value-types branch).</summary>
public sealed class EmailAddress : IEquatable<EmailAddress>
{
    private EmailAddress(string v) => Value = v;
    /// <summary>x</summary>
    public string Value { get; }
    /// <summary>x</summary>
    public string AsciiValue => Value;
    /// <summary>x</summary>
    public static EmailAddress Parse(string value) => value.Contains('@', StringComparison.Ordinal) ? new(value) : throw new FormatException("not an e-mail address");
    /// <summary>x</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out EmailAddress? email) { email = value is not null && value.Contains('@', StringComparison.Ordinal) ? new(value) : null; return email is not null; }
    /// <inheritdoc/>
    public bool Equals(EmailAddress? other) => other is not null && string.Equals(other.Value, Value, StringComparison.OrdinalIgnoreCase);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EmailAddress);
    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);
    /// <inheritdoc/>
    public override string ToString() => Value;
}
