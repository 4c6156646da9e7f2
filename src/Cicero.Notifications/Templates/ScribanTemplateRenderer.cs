using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Templates;

/// <summary>Placeholder: replaced by the templates branch.</summary>
internal sealed class ScribanTemplateRenderer(IOptions<CiceroNotificationsOptions> options, IEnumerable<ITemplateSource> sources) : ITemplateRenderer
{
    public bool HasTemplate(NotificationType type, Protocol protocol, string culture) => options.Value is not null && sources is not null;

    public RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, IReadOnlyDictionary<string, object?> data)
        => new(null, $"{type} {protocol} {culture} {data.Count}", null);
}
