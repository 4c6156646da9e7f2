using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Templates;

/// <summary>Renders messages from cached, pre-parsed templates. Thread-safe.</summary>
internal interface ITemplateRenderer
{
    /// <summary>Gets whether a template exists for the type and protocol in the culture or one of its fallbacks.</summary>
    bool HasTemplate(NotificationType type, Protocol protocol, string culture);

    /// <summary>
    /// Renders the template for (type, protocol, culture), falling back <c>da-DK</c> → <c>da</c> → the default culture.
    /// </summary>
    /// <param name="type">The notification type.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="culture">The culture to render in.</param>
    /// <param name="data">The template data: strings, numbers, booleans, dates, lists and dictionaries of those, or JSON elements.</param>
    /// <returns>The rendered template.</returns>
    /// <exception cref="TemplateRenderException">No template, a render error, a sandbox limit, or an SMS over the segment limit.</exception>
    RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, IReadOnlyDictionary<string, object?> data);
}
