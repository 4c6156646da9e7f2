using Cicero.Notifications.Domain;
using Scriban.Runtime;

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

    /// <summary>
    /// Prepares template data once, so the messages of one notification render from it without converting it again.
    /// Templates cannot change it: their assignments go to a scope of their own.
    /// </summary>
    /// <param name="data">The template data.</param>
    /// <returns>The model.</returns>
    /// <exception cref="TemplateRenderException">The data holds a value that is not plain data.</exception>
    ScriptObject Prepare(IReadOnlyDictionary<string, object?> data);

    /// <summary>Renders from a model made by <see cref="Prepare"/>.</summary>
    /// <param name="type">The notification type.</param>
    /// <param name="protocol">The protocol.</param>
    /// <param name="culture">The culture to render in.</param>
    /// <param name="model">The prepared model.</param>
    /// <returns>The rendered template.</returns>
    /// <exception cref="TemplateRenderException">No template, a render error, a sandbox limit, or an SMS over the segment limit.</exception>
    RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, ScriptObject model);
}
