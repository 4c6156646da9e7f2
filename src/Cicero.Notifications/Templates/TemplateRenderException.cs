namespace Cicero.Notifications.Templates;

/// <summary>
/// A template could not be rendered for this data (missing variable, a limit exceeded, SMS too long). The message
/// names the type, protocol, culture and the problem (with line and column when known) and never holds template data.
/// </summary>
internal sealed class TemplateRenderException(string message) : Exception(message);
