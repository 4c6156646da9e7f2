using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Templates;

/// <summary>
/// Checks the templates at start-up, for an <c>IValidateOptions&lt;CiceroNotificationsOptions&gt;</c>: every template
/// parses and names a valid type, protocol and culture, and every configured type has a template for each of its
/// protocols and its alternative protocol in the default culture or its neutral culture. E-mail verification needs
/// an e-mail template whenever it can happen: when the type is configured or any type goes out by e-mail.
/// </summary>
internal static class TemplateSetupValidator
{
    /// <summary>Validates the templates of the options and sources.</summary>
    /// <param name="options">The options.</param>
    /// <param name="sources">The template sources (read once here).</param>
    /// <returns>One sentence per problem; empty when the setup is valid.</returns>
    public static IReadOnlyList<string> Validate(CiceroNotificationsOptions options, IEnumerable<ITemplateSource>? sources)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Validate(options, TemplateCatalog.Build(options, sources));
    }

    /// <summary>Validates a catalog that is already built against the options' notification types.</summary>
    /// <param name="options">The options.</param>
    /// <param name="catalog">The templates.</param>
    /// <returns>One sentence per problem; empty when the setup is valid.</returns>
    public static IReadOnlyList<string> Validate(CiceroNotificationsOptions options, TemplateCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);

        var failures = new List<string>(catalog.Failures);
        var required = new List<(string TypeName, Protocol Protocol, string? Why)>();
        var usesEmail = false;

        foreach (var (typeName, type) in options.Types)
        {
            if (type is null || !NotificationType.TryParse(typeName, out var parsed))
            {
                continue; // reported by the options validator
            }

            foreach (var protocol in type.Protocols)
            {
                if (protocol is not null)
                {
                    required.Add((parsed.Name, protocol, null));
                    usesEmail |= protocol == Protocol.Email;
                }
            }

            if (type.AlternativeProtocol is { } alternative)
            {
                required.Add((parsed.Name, alternative, null));
                usesEmail |= alternative == Protocol.Email;
            }

            usesEmail |= parsed == NotificationType.EmailVerification;
        }

        if (usesEmail)
        {
            required.Add((NotificationType.EmailVerification.Name, Protocol.Email, "the verification message always goes by e-mail"));
        }

        var chain = CultureFallback.Chain(options.DefaultCulture, options.DefaultCulture);
        var seen = new HashSet<TemplateKey>();
        foreach (var (typeName, protocol, why) in required)
        {
            if (!seen.Add(new TemplateKey(typeName, protocol.Name, "")))
            {
                continue;
            }

            if (!catalog.Contains(typeName, protocol.Name, options.DefaultCulture, options.DefaultCulture))
            {
                failures.Add($"Notification type '{typeName}' has no template for protocol '{protocol}' in culture {CultureFallback.Describe(chain)}"
                    + (why is null ? "." : $": {why}."));
            }
        }

        return failures;
    }
}
