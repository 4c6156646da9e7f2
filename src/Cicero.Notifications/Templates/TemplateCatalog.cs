using System.Collections.Frozen;
using Cicero.Notifications.Domain;
using Scriban;

namespace Cicero.Notifications.Templates;

/// <summary>
/// Every template the library knows, parsed once: shipped defaults, overridden by <see cref="CiceroNotificationsOptions.Templates"/>,
/// overridden by the <see cref="ITemplateSource"/>s (later wins). Keys ignore case. Problems are collected in
/// <see cref="Failures"/> instead of thrown, so start-up validation can report all of them at once. Immutable and thread-safe.
/// </summary>
internal sealed class TemplateCatalog
{
    private static readonly Lazy<IReadOnlyList<CompiledTemplate>> ParsedDefaults = new(ParseDefaults);

    private readonly FrozenDictionary<TemplateKey, CompiledTemplate> _templates;

    private TemplateCatalog(FrozenDictionary<TemplateKey, CompiledTemplate> templates, IReadOnlyList<string> failures, IReadOnlySet<TemplateKey> failed)
    {
        _templates = templates;
        Failures = failures;
        Failed = failed;
    }

    /// <summary>Gets the problems found: templates that do not parse, invalid names, duplicates. Empty when all is well.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>
    /// Gets the (type, protocol) of every template with valid names that failed (did not parse, empty body, …), with an
    /// empty culture: it is reported in <see cref="Failures"/>, so start-up validation does not add "no template" for it.
    /// </summary>
    public IReadOnlySet<TemplateKey> Failed { get; }

    /// <summary>Gets the templates, one per (type, protocol, culture).</summary>
    public IEnumerable<CompiledTemplate> Templates => _templates.Values;

    /// <summary>Collects and parses the templates.</summary>
    /// <param name="options">The options with the configured templates.</param>
    /// <param name="sources">The template sources; each is read once, in order.</param>
    /// <returns>The catalog, with any problems in <see cref="Failures"/>.</returns>
    public static TemplateCatalog Build(CiceroNotificationsOptions options, IEnumerable<ITemplateSource>? sources)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var failed = new HashSet<TemplateKey>();
        var templates = new Dictionary<TemplateKey, CompiledTemplate>();

        foreach (var template in ParsedDefaults.Value)
        {
            templates[template.Key] = template;
        }

        var fromOptions = new Dictionary<TemplateKey, int>();
        for (var i = 0; i < options.Templates.Count; i++)
        {
            var entry = options.Templates[i];
            var origin = $"CiceroNotificationsOptions.Templates[{i}]";
            if (entry is null)
            {
                failures.Add($"{origin} is empty.");
                continue;
            }

            var compiled = Compile(origin, entry.Type, entry.Protocol, entry.Culture, entry.Subject, entry.Body, entry.HtmlBody, failures, failed);
            if (compiled is null)
            {
                continue;
            }

            if (fromOptions.TryGetValue(compiled.Key, out var first))
            {
                failures.Add($"{Describe(compiled.Key, origin)} is defined twice in CiceroNotificationsOptions.Templates (also at index {first}): keep one.");
                continue;
            }

            fromOptions.Add(compiled.Key, i);
            templates[compiled.Key] = compiled;
        }

        foreach (var source in sources ?? [])
        {
            var origin = $"template source '{source.GetType().Name}'";
            var fromSource = new HashSet<TemplateKey>();
            foreach (var entry in source.GetTemplates() ?? [])
            {
                if (entry is null)
                {
                    failures.Add($"The {origin} returned an empty template.");
                    continue;
                }

                var compiled = Compile(origin, entry.Type?.Name, entry.Protocol?.Name, entry.Culture, entry.Subject, entry.Body, entry.HtmlBody, failures, failed);
                if (compiled is null)
                {
                    continue;
                }

                if (!fromSource.Add(compiled.Key))
                {
                    failures.Add($"{Describe(compiled.Key, origin)} is returned twice by the source: keep one.");
                    continue;
                }

                templates[compiled.Key] = compiled;
            }
        }

        return new TemplateCatalog(templates.ToFrozenDictionary(), failures, failed);
    }

    /// <summary>Finds the template for (type, protocol) in the culture or its fallbacks.</summary>
    /// <param name="type">The notification type name.</param>
    /// <param name="protocol">The protocol name.</param>
    /// <param name="culture">The requested culture.</param>
    /// <param name="defaultCulture">The default culture.</param>
    /// <param name="template">The template found.</param>
    /// <param name="formattingCulture">The culture to format dates and numbers in.</param>
    /// <returns><see langword="true"/> when a template was found.</returns>
    public bool TryFind(string type, string protocol, string? culture, string defaultCulture, out CompiledTemplate template, out string formattingCulture)
    {
        foreach (var (candidate, formatting) in CultureFallback.Chain(culture, defaultCulture))
        {
            if (_templates.TryGetValue(new TemplateKey(type, protocol, candidate), out var found))
            {
                template = found;
                formattingCulture = formatting;
                return true;
            }
        }

        template = null!;
        formattingCulture = "";
        return false;
    }

    /// <summary>Gets whether a template exists for (type, protocol) in the culture or its fallbacks.</summary>
    /// <param name="type">The notification type name.</param>
    /// <param name="protocol">The protocol name.</param>
    /// <param name="culture">The culture.</param>
    /// <param name="defaultCulture">The default culture.</param>
    /// <returns><see langword="true"/> when a template exists.</returns>
    public bool Contains(string type, string protocol, string? culture, string defaultCulture)
        => TryFind(type, protocol, culture, defaultCulture, out _, out _);

    private static List<CompiledTemplate> ParseDefaults()
    {
        var failures = new List<string>();
        var parsed = new List<CompiledTemplate>();
        foreach (var template in DefaultTemplates.All)
        {
            var compiled = Compile("shipped default", template.Type.Name, template.Protocol.Name, template.Culture, template.Subject, template.Body, template.HtmlBody, failures, failed: null);
            if (compiled is not null)
            {
                parsed.Add(compiled);
            }
        }

        return failures.Count == 0
            ? parsed
            : throw new TemplateSetupException(failures);
    }

    private static CompiledTemplate? Compile(
        string origin, string? typeName, string? protocolName, string? cultureName, string? subject, string? body, string? htmlBody, List<string> failures,
        HashSet<TemplateKey>? failed)
    {
        var before = failures.Count;
        var where = $"The template for type '{typeName}', protocol '{protocolName}', culture '{cultureName}' ({origin})";

        if (!NotificationType.TryParse(typeName, out var type))
        {
            failures.Add($"{where} has an invalid notification type name '{typeName}': use 1–40 letters, digits, '-' or '_', starting with a letter.");
        }

        if (!Protocol.TryParse(protocolName, out var protocol))
        {
            failures.Add($"{where} has an invalid protocol name '{protocolName}': use 1–40 letters, digits, '-' or '_', starting with a letter (Sms, Email, DigitalPost or a user-defined one).");
        }

        if (CultureFallback.Find(cultureName, predefinedOnly: true) is null)
        {
            failures.Add($"{where} has culture '{cultureName}', which is not a known culture name (for example 'da-DK', 'da' or 'en').");
        }

        if (failures.Count > before)
        {
            return null;
        }

        var key = new TemplateKey(type!.Name, protocol!.Name, cultureName!.Trim());
        where = Describe(key, origin);

        if (string.IsNullOrWhiteSpace(body))
        {
            failures.Add($"{where} has an empty body.");
        }

        if (protocol == Protocol.Sms && !string.IsNullOrWhiteSpace(subject))
        {
            failures.Add($"{where} has a subject, but an SMS has none: remove it.");
        }

        if (protocol == Protocol.Sms && !string.IsNullOrWhiteSpace(htmlBody))
        {
            failures.Add($"{where} has an HTML body, but an SMS is plain text: remove it.");
        }

        var parsedSubject = string.IsNullOrWhiteSpace(subject) ? null : Parse(key, where, "subject", subject, failures);
        var parsedBody = string.IsNullOrWhiteSpace(body) ? null : Parse(key, where, "body", body, failures);
        var parsedHtml = string.IsNullOrWhiteSpace(htmlBody) ? null : Parse(key, where, "html body", htmlBody, failures);

        if (failures.Count > before)
        {
            failed?.Add(key with { Culture = "" });
            return null;
        }

        return new CompiledTemplate(key, origin, parsedSubject, parsedBody!, parsedHtml, string.Concat(subject, "\n", body, "\n", htmlBody));
    }

    private static Template? Parse(TemplateKey key, string where, string part, string text, List<string> failures)
    {
        if (text.Length > TemplateSandboxLimits.MaxTemplateChars)
        {
            failures.Add($"{where}: the {part} is {text.Length} characters long; a template part may have at most {TemplateSandboxLimits.MaxTemplateChars}.");
            return null;
        }

        var template = Template.Parse(text, $"{key}/{part}");
        if (!template.HasErrors)
        {
            return template;
        }

        // Only the first error: Scriban's later errors usually follow from it.
        var error = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
        failures.Add($"{where}: the {part} does not parse at line {error.Span.Start.Line + 1}, column {error.Span.Start.Column + 1}: {error.Message}");
        return null;
    }

    /// <summary>Names a template for a message: type, protocol, culture and where it came from.</summary>
    internal static string Describe(TemplateKey key, string origin)
        => $"The template for type '{key.Type}', protocol '{key.Protocol}', culture '{key.Culture}' ({origin})";
}
