using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Sending;

/// <summary>The registered channels by protocol, resolved once.</summary>
internal sealed class ChannelRegistry
{
    private readonly Dictionary<Protocol, INotificationChannel> _channels = [];

    public ChannelRegistry(IEnumerable<ChannelRegistration> registrations, IServiceProvider services)
    {
        foreach (var registration in registrations)
        {
            // Validation at start-up reports duplicates; here the first registration wins.
            if (!_channels.ContainsKey(registration.Protocol))
            {
                _channels[registration.Protocol] = registration.Factory(services);
            }
        }
    }

    public INotificationChannel? Find(Protocol protocol) => _channels.GetValueOrDefault(protocol);

    /// <summary>Each protocol with its channel's type and guarantee, for the start-up log: <c>Sms: HttpChannel (AtMostOnce)</c>.</summary>
    public string Describe() => _channels.Count == 0
        ? "none"
        : string.Join(", ", _channels.OrderBy(c => c.Key.Name, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value.GetType().Name} ({c.Value.Guarantee})"));
}
