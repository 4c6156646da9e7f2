using System.Diagnostics.CodeAnalysis;
namespace Cicero.Notifications.Domain;
/// <summary>Stand-in (replaced by the value-types branch).</summary>
public sealed class Cvr : IEquatable<Cvr>
{
    private Cvr(string v) => Value = v;
    /// <summary>x</summary>
    public string Value { get; }
    /// <summary>x</summary>
    public string Masked => Value;
    /// <summary>x</summary>
    /// <summary>x</summary>
    public static Cvr Parse(string value) => new(value.Replace("-", "", StringComparison.Ordinal));
    /// <summary>x</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out Cvr? cpr) { cpr = value is null ? null : Parse(value); return cpr is not null; }
    /// <inheritdoc/>
    public bool Equals(Cvr? other) => other is not null && other.Value == Value;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Cvr);
    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    /// <inheritdoc/>
    public override string ToString() => Value;
}
