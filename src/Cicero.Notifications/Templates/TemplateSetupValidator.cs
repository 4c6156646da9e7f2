using Cicero.Notifications.Configuration;
using Cicero.Notifications.Domain;
using Scriban.Syntax;

namespace Cicero.Notifications.Templates;

/// <summary>
/// Checks the templates at start-up, for an <c>IValidateOptions&lt;CiceroNotificationsOptions&gt;</c>: every template
/// parses and names a valid type, protocol and culture, and every configured type has a template for each of its
/// protocols and its alternative protocol in the default culture or its neutral culture. E-mail verification needs
/// an e-mail template whenever it can happen: when the type is configured or any type goes out by e-mail.
/// One mistake gives one error: a template that does not parse, a protocol the setup does not know (reported by the
/// options validator) and a template naming an unknown protocol (most likely a misspelling of the protocol it was meant
/// for) are not reported again as a missing template.
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

    private static bool UsesItems(CompiledTemplate template)
    {
        var finder = new ItemsFinder();
        foreach (var part in new[] { template.Subject, template.Body, template.HtmlBody })
        {
            if (part?.Page is { } page)
            {
                finder.Visit(page);
            }
        }

        return finder.Found;
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
        var known = ProtocolCatalog.CreateLenient(options.UserDefinedProtocols);
        var usedByTypes = options.Types.Values.OfType<NotificationTypeOptions>()
            .SelectMany(t => t.AllProtocols).ToHashSet();
        var typesWithMisnamedTemplate = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var template in catalog.Templates)
        {
            var protocol = Protocol.Parse(template.Key.Protocol);
            if (known.Contains(protocol))
            {
                continue;
            }

            // A source may carry templates for protocols this library does not use; a configured template or one for a
            // configured type is a mistake.
            var configured = options.Types.ContainsKey(template.Key.Type) || template.Origin.StartsWith("CiceroNotificationsOptions.", StringComparison.Ordinal);
            if (!configured)
            {
                continue;
            }

            typesWithMisnamedTemplate.Add(template.Key.Type);
            if (!usedByTypes.Contains(protocol)) // else the type's own "unknown protocol" error says it
            {
                failures.Add($"{TemplateCatalog.Describe(template.Key, template.Origin)} names unknown protocol '{protocol}': {SetupMessages.UseAKnownProtocol(protocol, known)}");
            }
        }

        // A digest's template must list its items: one that ignores them would show only the first notification.
        var digestTypes = options.Types.Where(t => t.Value?.DigestWindow is not null).Select(t => t.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var template in catalog.Templates.Where(t => digestTypes.Contains(t.Key.Type) && !UsesItems(t)))
        {
            failures.Add($"{TemplateCatalog.Describe(template.Key, template.Origin)} does not use '{TemplateModel.ItemsVariable}': notification type '{template.Key.Type}' has a DigestWindow, so a digest would show only its first notification. "
                + "List them (for example {{ for item in items }}{{ item.title }}{{ end }}) or remove the DigestWindow.");
        }

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
            var key = new TemplateKey(typeName, protocol.Name, "");
            if (!seen.Add(key) || !known.Contains(protocol) || catalog.Failed.Contains(key) || typesWithMisnamedTemplate.Contains(typeName))
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

    /// <summary>Finds the <c>items</c> variable anywhere in a parsed template.</summary>
    private sealed class ItemsFinder : ScriptVisitor
    {
        public bool Found { get; private set; }

        public override void Visit(ScriptVariableGlobal node)
        {
            Found |= string.Equals(node.Name, TemplateModel.ItemsVariable, StringComparison.Ordinal);
            base.Visit(node);
        }
    }
}
