using System.Globalization;
using Microsoft.Extensions.Options;
using Cicero.Notifications.Templates;
using Scriban.Syntax;

namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>
/// Checks <see cref="EmailVerificationPageOptions.Layouts"/> at start-up: every layout names a known culture, parses, and
/// renders with sample data in every state — so a broken layout fails the start, with Scriban's message, and not a
/// borrower's click.
/// </summary>
internal sealed class VerificationPageOptionsValidator(IOptions<CiceroNotificationsOptions> notifications) : IValidateOptions<EmailVerificationPageOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailVerificationPageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var libraryName = notifications.Value.LibraryName ?? "";
        foreach (var (cultureName, source) in options.Layouts)
        {
            var description = VerificationPageLayouts.Describe(cultureName);
            if (LayoutEntry.Check(cultureName, source, description, failures) is not { } culture)
            {
                continue;
            }

            Check(source, description, culture, libraryName, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string source, string description, CultureInfo culture, string libraryName, List<string> failures)
    {
        try
        {
            var template = VerificationPageLayouts.Parse(source, description);
            foreach (var state in VerificationPageStates.All)
            {
                try
                {
                    var model = VerificationPageModel.Sample(state, culture, libraryName);
                    var page = VerificationPageTemplateContext.Render(template, model, culture);
                    if (state == VerificationPageState.Confirm && model["form_fields"] is TrustedHtml fields && !page.Contains(fields.Markup, StringComparison.Ordinal))
                    {
                        failures.Add($"{description} does not write {{{{ form_fields }}}} in state 'confirm': the form must contain it (the token, the culture and the antiforgery token), or its button verifies nothing.");
                        return;
                    }
                }
                catch (ScriptRuntimeException ex)
                {
                    // Sample data only: Scriban's message holds no personal data here.
                    failures.Add($"{description} fails with sample data in state '{VerificationPageStates.Name(state)}': {ex.Message}");
                    return;
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }
    }
}
