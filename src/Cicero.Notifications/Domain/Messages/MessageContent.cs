namespace Cicero.Notifications.Domain;

/// <summary>
/// A message's rendered content and the template data it was rendered from. Personal data: anonymization
/// removes all of it.
/// </summary>
/// <param name="Subject">The subject; <see langword="null"/> for protocols without one (SMS).</param>
/// <param name="Body">The body as the channel sends it.</param>
/// <param name="TemplateData">The template data as JSON, kept so the message can be rendered again for another protocol; may be <see langword="null"/>.</param>
public sealed record MessageContent(string? Subject, string Body, string? TemplateData)
{
    /// <summary>Gets the HTML body, when the template renders one (e-mail); <see cref="Body"/> is then the plain-text alternative.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Returns a description without the content itself (it is personal data).</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"MessageContent (subject: {(Subject is null ? "none" : "yes")}, body: {Body.Length} characters, html: {(HtmlBody is null ? "no" : "yes")})";
}
