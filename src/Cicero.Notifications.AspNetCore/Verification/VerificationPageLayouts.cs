using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Scriban;

namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>
/// Finds and caches the parsed verification page layout for a culture: the host's layout for the culture, then for its
/// neutral culture, then the shipped one (English for English cultures, else Danish). Thread-safe.
/// </summary>
internal sealed class VerificationPageLayouts(IOptions<EmailVerificationPageOptions> options)
{
    /// <summary>The longest layout accepted, checked before it is parsed.</summary>
    public const int MaxLayoutChars = 128 * 1024;

    private readonly ConcurrentDictionary<string, VerificationPageLayout> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the shipped layout for a culture.</summary>
    public static VerificationPageLayout Shipped(CultureInfo culture)
    {
        var english = IsEnglish(culture);
        var name = $"shipped {(english ? "English" : "Danish")} verification page layout";
        return new VerificationPageLayout(name, Parse(ShippedVerificationPageLayouts.For(english), name));
    }

    /// <summary>Gets the layout for a culture.</summary>
    public VerificationPageLayout Find(CultureInfo culture)
        => _cache.GetOrAdd(culture.Name, static (name, self) => self.Load(CultureInfo.GetCultureInfo(name)), this);

    /// <summary>Parses a layout; throws <see cref="InvalidOperationException"/> naming it and listing the parse errors.</summary>
    public static Template Parse(string source, string name)
    {
        if (source.Length > MaxLayoutChars)
        {
            throw new InvalidOperationException($"The verification page layout {name} is {source.Length} characters long; a layout may have at most {MaxLayoutChars}.");
        }

        var template = Template.Parse(source, name);
        return template.HasErrors
            ? throw new InvalidOperationException($"The verification page layout {name} does not parse: {string.Join("; ", template.Messages.Select(m => m.ToString()))}")
            : template;
    }

    /// <summary>Names a host layout for messages: <c>EmailVerificationPage.Layouts[da]</c>.</summary>
    public static string Describe(string culture) => $"EmailVerificationPage.Layouts[{culture}]";

    private VerificationPageLayout Load(CultureInfo culture)
    {
        var layouts = options.Value.Layouts;
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (layouts.TryGetValue(c.Name, out var source) && !string.IsNullOrWhiteSpace(source))
            {
                var name = Describe(c.Name);
                return new VerificationPageLayout(name, Parse(source, name));
            }
        }

        return Shipped(culture);
    }

    private static bool IsEnglish(CultureInfo culture) => string.Equals(culture.TwoLetterISOLanguageName, "en", StringComparison.OrdinalIgnoreCase);
}
