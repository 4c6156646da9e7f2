using Cicero.Notifications.Configuration;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Sending;

/// <summary>
/// Decides whether a message due now must wait for its protocol's quiet hours to end: the type's own window for the
/// protocol if it has one, else the server's; none for a type that ignores quiet hours or for e-mail verification.
/// </summary>
internal sealed class QuietHoursPolicy(ServerSetup setup)
{
    private readonly TimeZoneInfo _zone = LibraryTimeZone.Find(setup.Options.TimeZone);

    /// <summary>Gets a value indicating whether any quiet hours are configured (the dispatcher skips the check otherwise).</summary>
    public bool Any { get; } = setup.Options.QuietHours.Count > 0 || setup.Options.Types.Values.Any(t => t.QuietHours.Count > 0);

    /// <summary>When the message may be sent, if <paramref name="now"/> is inside its quiet hours; otherwise null.</summary>
    public DateTimeOffset? WaitUntil(Message message, DateTimeOffset now)
    {
        if (!Any || message.Type == NotificationType.EmailVerification)
        {
            return null;
        }

        var type = setup.Find(message.Type);
        if (type?.IgnoreQuietHours == true)
        {
            return null;
        }

        var window = type is not null && type.QuietHours.TryGetValue(message.Protocol.Name, out var own) ? own
            : setup.Options.QuietHours.TryGetValue(message.Protocol.Name, out var server) ? server
            : null;
        return window?.EndOfWindow(now, _zone);
    }
}
