namespace Cicero.Notifications.Templates;

/// <summary>Identifies a template: type, protocol and culture names, all compared ignoring case.</summary>
internal readonly record struct TemplateKey(string Type, string Protocol, string Culture)
{
    public bool Equals(TemplateKey other)
        => string.Equals(Type, other.Type, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Protocol, other.Protocol, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Culture, other.Culture, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode()
        => HashCode.Combine(
            StringComparer.OrdinalIgnoreCase.GetHashCode(Type),
            StringComparer.OrdinalIgnoreCase.GetHashCode(Protocol),
            StringComparer.OrdinalIgnoreCase.GetHashCode(Culture));

    /// <summary>Returns <c>Type/Protocol/Culture</c>.</summary>
    public override string ToString() => $"{Type}/{Protocol}/{Culture}";
}
