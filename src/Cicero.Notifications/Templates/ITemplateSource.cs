namespace Cicero.Notifications.Templates;

/// <summary>
/// A port for templates kept outside the options (a database, files, a CMS). Every registered source is read once
/// at start-up; its templates override the shipped defaults and those in <see cref="CiceroNotificationsOptions.Templates"/>.
/// </summary>
public interface ITemplateSource
{
    /// <summary>Gets the templates this source provides.</summary>
    /// <returns>The templates.</returns>
    IEnumerable<MessageTemplate> GetTemplates();
}
