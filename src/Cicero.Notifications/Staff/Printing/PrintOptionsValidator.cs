using Cicero.Notifications.Configuration;
using System.Globalization;
using Microsoft.Extensions.Options;
using Cicero.Notifications.Templates;
using Scriban.Syntax;

namespace Cicero.Notifications.Staff;

/// <summary>
/// Checks <see cref="CiceroNotificationsOptions.Print"/> at start-up: every host layout names a
/// known culture, parses, and renders with sample data — so a broken layout fails the start, with Scriban's message, and
/// not the first print.
/// </summary>
internal sealed class PrintOptionsValidator : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var print = options.Print;
        var failures = new List<string>();

        // An unknown time zone is reported by the core validator; the layouts are checked in UTC then.
        var zone = LibraryTimeZone.TryFind(options.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        Check(PrintFormat.Html, print.HtmlTemplates, zone, options.LibraryName, failures);
        Check(PrintFormat.Text, print.TextTemplates, zone, options.LibraryName, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(PrintFormat format, IDictionary<string, string> layouts, TimeZoneInfo? zone, string libraryName, List<string> failures)
    {
        foreach (var (cultureName, source) in layouts)
        {
            var description = PrintLayouts.Describe(format, cultureName);
            if (LayoutEntry.Check(cultureName, source, description, failures) is not { } culture)
            {
                continue;
            }

            try
            {
                var template = PrintLayouts.Parse(source, description);
                PrintTemplateContext.Render(template, format, PrintModel.Sample(culture, zone ?? TimeZoneInfo.Utc, libraryName ?? ""), culture);
            }
            catch (InvalidOperationException ex)
            {
                failures.Add(ex.Message);
            }
            catch (ScriptRuntimeException ex)
            {
                // Sample data only: Scriban's message holds no personal data here.
                failures.Add($"{description} fails with sample data: {ex.Message}");
            }
        }
    }
}
