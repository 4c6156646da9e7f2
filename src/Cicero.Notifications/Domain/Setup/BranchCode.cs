namespace Cicero.Notifications.Domain;

/// <summary>The rule for branch codes: 1–32 ASCII letters, digits, '-' or '_'.</summary>
internal static class BranchCode
{
    /// <summary>The longest branch code.</summary>
    public const int MaxLength = 32;

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1–32 letters (a–z, A–Z), digits, '-' or '_'";

    /// <summary>Gets whether <paramref name="code"/> follows the rule.</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> when it is a valid code.</returns>
    public static bool IsValid(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }
}
