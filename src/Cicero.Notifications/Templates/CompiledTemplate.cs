using Scriban;
using Scriban.Runtime;

namespace Cicero.Notifications.Templates;

/// <summary>A template parsed once at start-up. Scriban templates are immutable after parsing and safe to render concurrently.</summary>
/// <param name="Key">The type, protocol and culture as configured.</param>
/// <param name="Origin">Where the template came from: shipped defaults, options or a template source.</param>
/// <param name="Subject">The parsed subject, or <see langword="null"/>.</param>
/// <param name="Body">The parsed plain-text body.</param>
/// <param name="HtmlBody">The parsed HTML body, or <see langword="null"/>.</param>
internal sealed record CompiledTemplate(TemplateKey Key, string Origin, Template? Subject, Template Body, Template? HtmlBody)
{
    /// <summary>Gets the subject as text and plain variables, when it is only that (rendered without the interpreter).</summary>
    public TextTemplate? SubjectText { get; } = Subject is null ? null : TextTemplate.TryCreate(Subject);

    /// <summary>Gets the body as text and plain variables, when it is only that.</summary>
    public TextTemplate? BodyText { get; } = TextTemplate.TryCreate(Body);

    /// <summary>Gets the HTML body as text and plain variables, when it is only that.</summary>
    public TextTemplate? HtmlBodyText { get; } = HtmlBody is null ? null : TextTemplate.TryCreate(HtmlBody);

    /// <summary>
    /// Renders every part without a context when every part is text and plain variables and every value a string (see
    /// <see cref="TextTemplate"/>); declines otherwise, leaving the render to a context.
    /// </summary>
    /// <param name="model">The render's global values.</param>
    /// <param name="limits">The sandbox limits the context would apply.</param>
    /// <param name="subject">The rendered subject, or <see langword="null"/> when the template has none.</param>
    /// <param name="body">The rendered body.</param>
    /// <param name="html">The rendered HTML body, or <see langword="null"/> when the template has none.</param>
    /// <returns><see langword="false"/> when a context must render the template.</returns>
    public bool TryRenderText(RenderModel model, TemplateSandboxLimits limits, out string? subject, out string body, out string? html)
    {
        subject = null;
        body = "";
        html = null;
        return BodyText is not null
            && (Subject is null || (SubjectText is not null && SubjectText.TryRender(model, html: false, limits.MaxStringChars, limits.MaxOutputChars, formatter: null, out subject)))
            && BodyText.TryRender(model, html: false, limits.MaxStringChars, limits.MaxOutputChars, formatter: null, out body)
            && (HtmlBody is null || (HtmlBodyText is not null && HtmlBodyText.TryRender(model, html: true, limits.MaxStringChars, limits.MaxOutputChars, formatter: null, out html)));
    }
}
