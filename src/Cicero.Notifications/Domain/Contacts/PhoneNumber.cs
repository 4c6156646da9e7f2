using System.Diagnostics.CodeAnalysis;
namespace Cicero.Notifications.Domain;
/// <summary>Stand-in (replaced by the value-types branch).</summary>
public sealed class PhoneNumber : IEquatable<PhoneNumber>
{
    private PhoneNumber(string v) => Value = v;
    /// <summary>x</summary>
    public string Value { get; }
    /// <summary>x</summary>
    public bool CanReceiveSms => !Value.StartsWith("+4580", StringComparison.Ordinal) && !Value.StartsWith("+4590", StringComparison.Ordinal);
    /// <summary>x</summary>
    public static PhoneNumber Parse(string value) { var d = value.Replace(" ", "", StringComparison.Ordinal); return new(d.StartsWith('+') ? d : "+45" + d); }
    /// <summary>x</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out PhoneNumber? phone) { phone = value is null ? null : Parse(value); return phone is not null; }
    /// <inheritdoc/>
    public bool Equals(PhoneNumber? other) => other is not null && other.Value == Value;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PhoneNumber);
    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    /// <inheritdoc/>
    public override string ToString() => Value;
}
