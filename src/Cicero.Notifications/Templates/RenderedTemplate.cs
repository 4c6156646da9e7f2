namespace Cicero.Notifications.Templates;

/// <summary>The result of rendering a template.</summary>
/// <param name="Subject">The subject, or <see langword="null"/>.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body, or <see langword="null"/>.</param>
internal readonly record struct RenderedTemplate(string? Subject, string Body, string? HtmlBody);
