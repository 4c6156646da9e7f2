using System.Globalization;

namespace Cicero.Notifications.Templates;

/// <summary>
/// The order in which cultures are tried for a template: the requested culture (<c>da-DK</c>), its neutral
/// culture (<c>da</c>), the default culture, and the default's neutral culture.
/// </summary>
internal static class CultureFallback
{
    /// <summary>Gets the cultures to try, in order and without repeats, each with the culture that formats dates and numbers.</summary>
    /// <param name="culture">The requested culture; empty or <see langword="null"/> means the default culture.</param>
    /// <param name="defaultCulture">The library's default culture.</param>
    /// <returns>Pairs of (template culture to look for, culture to format values in).</returns>
    public static List<(string Candidate, string Formatting)> Chain(string? culture, string defaultCulture)
    {
        var chain = new List<(string, string)>(4);
        if (!string.IsNullOrWhiteSpace(culture))
        {
            var requested = culture.Trim();
            Add(chain, requested, requested);
            Add(chain, Neutral(requested), requested);
        }

        if (!string.IsNullOrWhiteSpace(defaultCulture))
        {
            var fallback = defaultCulture.Trim();
            Add(chain, fallback, fallback);
            Add(chain, Neutral(fallback), fallback);
        }

        return chain;
    }

    /// <summary>Describes the cultures tried, for messages: <c>'da-DK' (or 'da')</c>.</summary>
    /// <param name="chain">The chain from <see cref="Chain"/>.</param>
    /// <returns>The description.</returns>
    public static string Describe(List<(string Candidate, string Formatting)> chain)
    {
        if (chain.Count == 0)
        {
            return "''";
        }

        var first = $"'{chain[0].Candidate}'";
        return chain.Count == 1
            ? first
            : $"{first} (or {string.Join(", ", chain.Skip(1).Select(c => $"'{c.Candidate}'"))})";
    }

    /// <summary>Gets the neutral culture name: the language part before the first hyphen.</summary>
    /// <param name="culture">A culture name such as <c>da-DK</c>.</param>
    /// <returns>The neutral name, such as <c>da</c>; the name itself when it has no region.</returns>
    public static string Neutral(string culture)
    {
        var hyphen = culture.IndexOf('-', StringComparison.Ordinal);
        return hyphen > 0 ? culture[..hyphen] : culture;
    }

    /// <summary>Gets a culture by name, or <see langword="null"/> when the name is not a culture.</summary>
    /// <param name="name">The name.</param>
    /// <param name="predefinedOnly">Whether only cultures known to the platform count.</param>
    /// <returns>The culture or <see langword="null"/>.</returns>
    public static CultureInfo? Find(string? name, bool predefinedOnly)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static void Add(List<(string, string)> chain, string candidate, string formatting)
    {
        foreach (var (existing, _) in chain)
        {
            if (string.Equals(existing, candidate, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        chain.Add((candidate, formatting));
    }
}
