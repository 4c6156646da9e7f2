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
}
