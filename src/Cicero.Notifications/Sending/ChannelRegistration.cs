using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Sending;

/// <summary>A channel registered for a protocol with <c>AddChannel</c>.</summary>
internal sealed record ChannelRegistration(Protocol Protocol, Func<IServiceProvider, INotificationChannel> Factory, Type ImplementationType);
