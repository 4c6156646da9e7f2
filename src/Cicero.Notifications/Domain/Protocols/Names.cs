namespace Cicero.Notifications.Domain;

/// <summary>The shared rule for names of protocols and notification types.</summary>
internal static class Names
{
    public const int MaxLength = 40;

    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a name: the built-in instance when it matches one (ignoring case), else a new one.</summary>
    public static T? TryParse<T>(string? name, IReadOnlyList<T> builtIns, Func<T, string> nameOf, Func<string, T> create)
        where T : class
    {
        var trimmed = name.AsSpan().Trim();
        if (!IsValid(trimmed))
        {
            return null;
        }

        foreach (var builtIn in builtIns)
        {
            if (trimmed.Equals(nameOf(builtIn), StringComparison.OrdinalIgnoreCase))
            {
                return builtIn;
            }
        }

        return create(trimmed.ToString());
    }
}
