using Scriban;

namespace Cicero.Notifications.Templates;

/// <summary>A template parsed once at start-up. Scriban templates are immutable after parsing and safe to render concurrently.</summary>
/// <param name="Key">The type, protocol and culture as configured.</param>
/// <param name="Origin">Where the template came from: shipped defaults, options or a template source.</param>
/// <param name="Subject">The parsed subject, or <see langword="null"/>.</param>
/// <param name="Body">The parsed plain-text body.</param>
/// <param name="HtmlBody">The parsed HTML body, or <see langword="null"/>.</param>
/// <param name="Source">The text of all parts: a name quoted in a render error is shown only when the template wrote it.</param>
internal sealed record CompiledTemplate(TemplateKey Key, string Origin, Template? Subject, Template Body, Template? HtmlBody, string Source);
