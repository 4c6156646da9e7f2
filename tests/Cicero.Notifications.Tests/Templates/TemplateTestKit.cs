using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;

namespace Cicero.Notifications.Tests.Templates;

/// <summary>Builds renderers, options and data for the template tests.</summary>
internal static class TemplateTestKit
{
    /// <summary>A host-defined type, so the shipped defaults never get in the way.</summary>
    public static readonly NotificationType Balance = NotificationType.Parse("BalanceStatement");

    public static readonly Protocol Print = Protocol.Parse("Print");

    public static CiceroNotificationsOptions Options(params TemplateOptions[] templates)
    {
        var options = new CiceroNotificationsOptions { LibraryName = "Testrup Bibliotek" };
        foreach (var template in templates)
        {
            options.Templates.Add(template);
        }

        return options;
    }

    public static TemplateOptions Template(
        string body, string culture = "da", string type = "BalanceStatement", string protocol = "Email", string? subject = null, string? html = null)
        => new() { Type = type, Protocol = protocol, Culture = culture, Subject = subject, Body = body, HtmlBody = html };

    public static ScribanTemplateRenderer Renderer(params TemplateOptions[] templates) => new(Options(templates), []);

    public static ScribanTemplateRenderer Renderer(TemplateSandboxLimits limits, params TemplateOptions[] templates) => new(Options(templates), [], limits);

    public static Dictionary<string, object?> Data(params (string Key, object? Value)[] values)
        => values.ToDictionary(v => v.Key, v => v.Value);

    public static RenderedTemplate Render(this ScribanTemplateRenderer renderer, Dictionary<string, object?> data, string culture = "da", string protocol = "Email")
        => renderer.Render(Balance, Protocol.Parse(protocol), culture, data);
}

/// <summary>A template source holding fixed templates.</summary>
internal sealed class FixedTemplateSource(params MessageTemplate[] templates) : ITemplateSource
{
    public int Reads { get; private set; }

    public IEnumerable<MessageTemplate> GetTemplates()
    {
        Reads++;
        return templates;
    }
}
