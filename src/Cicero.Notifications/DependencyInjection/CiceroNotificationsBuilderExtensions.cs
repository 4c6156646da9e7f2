using Cicero.Notifications;
using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Hosting;
using Cicero.Notifications.Sending;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Channels and background processing on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class CiceroNotificationsBuilderExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TChannel"/> (a singleton) as the channel for <paramref name="protocol"/>. One channel
    /// per protocol; a channel class may serve several protocols. Every protocol a notification type uses needs a channel,
    /// or start-up fails.
    /// </summary>
    /// <typeparam name="TChannel">The channel type.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="protocol">The protocol it delivers.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddChannel<TChannel>(this ICiceroNotificationsBuilder builder, Protocol protocol)
        where TChannel : class, INotificationChannel
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(protocol);
        builder.Services.TryAddSingleton<TChannel>();
        return builder.AddChannel(protocol, typeof(TChannel), sp => sp.GetRequiredService<TChannel>());
    }

    /// <summary>Registers a channel instance for <paramref name="protocol"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="protocol">The protocol it delivers.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddChannel(this ICiceroNotificationsBuilder builder, Protocol protocol, INotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(channel);
        return builder.AddChannel(protocol, channel.GetType(), _ => channel);
    }

    /// <summary>Registers a channel created by a factory (called once) for <paramref name="protocol"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="protocol">The protocol it delivers.</param>
    /// <param name="factory">Creates the channel.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddChannel(this ICiceroNotificationsBuilder builder, Protocol protocol, Func<IServiceProvider, INotificationChannel> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(factory);
        return builder.AddChannel(protocol, typeof(INotificationChannel), factory);
    }

    /// <summary>
    /// Registers a hosted service that dispatches due messages every <see cref="DispatchOptions.Interval"/> and runs the
    /// nightly jobs. Hosts that do not want a hosted service call <see cref="IMessageDispatcher.DispatchDueAsync"/> themselves.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddBackgroundProcessing(this ICiceroNotificationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationBackgroundService>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Cicero.Notifications.Nightly.NightlyBackgroundService>());
        return builder;
    }

    private static ICiceroNotificationsBuilder AddChannel(this ICiceroNotificationsBuilder builder, Protocol protocol, Type implementation, Func<IServiceProvider, INotificationChannel> factory)
    {
        builder.Services.AddSingleton(new ChannelRegistration(protocol, factory, implementation));
        return builder;
    }
}
