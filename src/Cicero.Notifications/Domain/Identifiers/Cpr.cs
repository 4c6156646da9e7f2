using System.Diagnostics.CodeAnalysis;
namespace Cicero.Notifications.Domain;
/// <summary>Stand-in (replaced by the value-types branch).</summary>
public sealed class Cpr : IEquatable<Cpr>
{
    private Cpr(string v) => Value = v;
    /// <summary>x</summary>
    public string Value { get; }
    /// <summary>x</summary>
    public string Masked => Value[..6] + "-xxxx";
    /// <summary>x</summary>
    public DateOnly BirthDate => new(1970, 1, 1);
    /// <summary>x</summary>
    public static Cpr Parse(string value) => new(value.Replace("-", "", StringComparison.Ordinal));
    /// <summary>x</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Cpr? cpr) { cpr = value is null ? null : Parse(value); return cpr is not null; }
    /// <inheritdoc/>
    public bool Equals(Cpr? other) => other is not null && other.Value == Value;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Cpr);
    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    /// <inheritdoc/>
    public override string ToString() => Masked;
}
