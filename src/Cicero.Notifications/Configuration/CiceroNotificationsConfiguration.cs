using Microsoft.Extensions.Configuration;

namespace Cicero.Notifications.Configuration;

/// <summary>A configuration section <c>AddCiceroNotifications(IConfiguration)</c> bound the options from.</summary>
/// <param name="Section">The section (or configuration root) given.</param>
internal sealed record CiceroNotificationsConfiguration(IConfiguration Section)
{
    /// <summary>Gets the section's path, for example <c>Cicero:Notifications</c>; <see langword="null"/> for a configuration root.</summary>
    public string? Path => (Section as IConfigurationSection)?.Path;
}
