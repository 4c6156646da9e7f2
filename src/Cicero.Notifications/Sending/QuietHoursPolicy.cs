using Cicero.Notifications.Configuration;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Sending;

/// <summary>
/// Decides whether a message due now must wait for its protocol's quiet hours to end: the type's own window for the
/// protocol if it has one, else the server's; none for a type that ignores quiet hours or for e-mail verification.
/// </summary>
internal sealed class QuietHoursPolicy(CiceroNotificationsOptions options)
{
    private readonly TimeZoneInfo _zone = LibraryTimeZone.Find(options.TimeZone);

    /// <summary>Gets a value indicating whether any quiet hours are configured (the dispatcher skips the check otherwise).</summary>
    public bool Any { get; } = options.QuietHours.Count > 0 || options.Types.Values.Any(t => t.QuietHours.Count > 0);

    /// <summary>When the message may be sent, if <paramref name="now"/> is inside its quiet hours; otherwise null.</summary>
    public DateTimeOffset? WaitUntil(Message message, DateTimeOffset now)
    {
        if (!Any || message.Type == NotificationType.EmailVerification)
        {
            return null;
        }

        var type = options.Types.TryGetValue(message.Type.Name, out var found) ? found : null;
        if (type?.IgnoreQuietHours == true)
        {
            return null;
        }

        var window = type is not null && type.QuietHours.TryGetValue(message.Protocol.Name, out var own) ? own
            : options.QuietHours.TryGetValue(message.Protocol.Name, out var server) ? server
            : null;
        return window?.EndOfWindow(now, _zone);
    }
}
