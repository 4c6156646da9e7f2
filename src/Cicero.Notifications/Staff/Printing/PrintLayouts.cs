using System.Collections.Concurrent;
using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Templates;
using Scriban;

namespace Cicero.Notifications.Staff;

/// <summary>
/// Finds and caches the parsed print layout for a format and culture: the host's layout for the culture, then for its
/// neutral culture, then the shipped one (English for English cultures, else Danish). Thread-safe.
/// </summary>
internal sealed class PrintLayouts(ServerSetup setup)
{
    private readonly ConcurrentDictionary<(PrintFormat Format, string Culture), PrintLayout> _cache = new();

    /// <summary>Gets the layout for a format and culture.</summary>
    public PrintLayout Find(PrintFormat format, CultureInfo culture)
        => _cache.GetOrAdd((format, culture.Name), static (key, self) => self.Load(key.Format, CultureInfo.GetCultureInfo(key.Culture)), this);

    /// <summary>Parses a layout; throws <see cref="InvalidOperationException"/> naming it and listing the parse errors.</summary>
    public static Template Parse(string source, string name)
    {
        if (source.Length > TemplateSandboxLimits.MaxTemplateChars)
        {
            throw new InvalidOperationException($"The print layout {name} is {source.Length} characters long; a layout may have at most {TemplateSandboxLimits.MaxTemplateChars}.");
        }

        var template = Template.Parse(source, name);
        return template.HasErrors
            ? throw new InvalidOperationException($"The print layout {name} does not parse: {string.Join("; ", template.Messages.Select(m => m.ToString()))}")
            : template;
    }

    /// <summary>Names a host layout for messages: <c>Print.HtmlTemplates[da]</c>.</summary>
    public static string Describe(PrintFormat format, string culture) => $"Print.{format}Templates[{culture}]";

    private PrintLayout Load(PrintFormat format, CultureInfo culture)
    {
        var hostLayouts = format == PrintFormat.Html ? setup.Options.Print.HtmlTemplates : setup.Options.Print.TextTemplates;
        foreach (var name in Chain(culture))
        {
            if (hostLayouts.TryGetValue(name, out var source) && !string.IsNullOrWhiteSpace(source))
            {
                var description = Describe(format, name);
                return new PrintLayout(description, Parse(source, description));
            }
        }

        var english = DisplayNames.IsEnglish(culture);
        var shipped = $"shipped {(english ? "English" : "Danish")} {format} layout";
        return new PrintLayout(shipped, Parse(ShippedPrintLayouts.For(format, english), shipped));
    }

    private static IEnumerable<string> Chain(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            yield return c.Name;
        }
    }
}
