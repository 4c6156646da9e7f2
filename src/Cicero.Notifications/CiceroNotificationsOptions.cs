namespace Cicero.Notifications;

/// <summary>
/// The server setup of the library's notifications (Cicero's "Serveropsætning", F7): the library's name,
/// the default language and, as the library grows, per notification type which protocols to use.
/// </summary>
/// <remarks>
/// The properties are plain and settable so the options can be bound from configuration
/// (for example the <c>Cicero:Notifications</c> section of <c>appsettings.json</c>).
/// </remarks>
public class CiceroNotificationsOptions
{
    /// <summary>The configuration section the <see cref="Microsoft.Extensions.DependencyInjection.CiceroNotificationsServiceCollectionExtensions"/> bind by default.</summary>
    public const string SectionName = "Cicero:Notifications";

    /// <summary>Gets or sets the library's name, shown as the sender of messages and on printed messages.</summary>
    /// <value>The default value is <c>"Biblioteket"</c>.</value>
    public string LibraryName { get; set; } = "Biblioteket";

    /// <summary>Gets or sets the culture used when a borrower has no preferred language.</summary>
    /// <value>The default value is <c>"da-DK"</c>.</value>
    public string DefaultCulture { get; set; } = "da-DK";
}
