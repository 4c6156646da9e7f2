using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Templates;

/// <summary>
/// The Scriban template of one notification type on one protocol in one culture: a subject (not for SMS), a
/// plain-text body and, for e-mail, an optional HTML body.
/// </summary>
/// <param name="Type">The notification type.</param>
/// <param name="Protocol">The protocol.</param>
/// <param name="Culture">The culture name, for example <c>da-DK</c>, <c>da</c> or <c>en</c>.</param>
/// <param name="Subject">The subject template; <see langword="null"/> for SMS.</param>
/// <param name="Body">The plain-text body template.</param>
/// <param name="HtmlBody">The HTML body template (e-mail); values rendered into it are HTML-encoded.</param>
public sealed record MessageTemplate(NotificationType Type, Protocol Protocol, string Culture, string? Subject, string Body, string? HtmlBody = null);
