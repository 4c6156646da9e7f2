namespace Cicero.Notifications.Templates;

/// <summary>A template in configuration: plain settable properties, bindable from <c>appsettings.json</c>.</summary>
public class TemplateOptions
{
    /// <summary>Gets or sets the notification type's name.</summary>
    /// <value>The default value is an empty string, which validation rejects.</value>
    public string Type { get; set; } = "";

    /// <summary>Gets or sets the protocol's name.</summary>
    /// <value>The default value is an empty string, which validation rejects.</value>
    public string Protocol { get; set; } = "";

    /// <summary>Gets or sets the culture name (<c>da-DK</c>, <c>da</c>, <c>en</c>, …).</summary>
    /// <value>The default value is <c>"da-DK"</c>.</value>
    public string Culture { get; set; } = "da-DK";

    /// <summary>Gets or sets the subject template (not used for SMS).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the plain-text body template.</summary>
    /// <value>The default value is an empty string, which validation rejects.</value>
    public string Body { get; set; } = "";

    /// <summary>Gets or sets the HTML body template (e-mail only); values are HTML-encoded.</summary>
    /// <value>The default value is <see langword="null"/>: text only.</value>
    public string? HtmlBody { get; set; }
}
