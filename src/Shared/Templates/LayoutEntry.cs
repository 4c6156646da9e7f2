using System.Globalization;

namespace Cicero.Notifications.Templates;

/// <summary>The start-up checks every host layout keyed by culture name shares (print layouts, verification pages).</summary>
internal static class LayoutEntry
{
    /// <summary>
    /// Gets the culture a layout entry names, when the name is a known culture and the layout is not empty; otherwise
    /// adds a failure naming the entry and returns <see langword="null"/>.
    /// </summary>
    /// <param name="cultureName">The entry's key.</param>
    /// <param name="source">The layout.</param>
    /// <param name="description">Names the entry in a failure (for example its configuration path).</param>
    /// <param name="failures">The failures found so far.</param>
    /// <returns>The culture, or <see langword="null"/> when the entry failed.</returns>
    public static CultureInfo? Check(string cultureName, string? source, string description, List<string> failures)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(cultureName, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            failures.Add($"{description}: '{cultureName}' is not a known culture name (for example 'da-DK', 'da' or 'en').");
            return null;
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            failures.Add($"{description} is empty: give a layout or remove the entry to use the shipped one.");
            return null;
        }

        return culture;
    }
}
