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
    /// Registers hosted services that dispatch due messages every <see cref="DispatchOptions.Interval"/> and run the
    /// nightly jobs — both, or the one <paramref name="work"/> names (for example dispatch on every web host and the
    /// nightly jobs on one worker). Hosts that do not want a hosted service call
    /// <see cref="IMessageDispatcher.DispatchDueAsync"/> and <c>INightlyJobs</c> themselves.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="work">What to run; <see cref="BackgroundWork.All"/> when not given.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="work"/> names nothing.</exception>
    public static ICiceroNotificationsBuilder AddBackgroundProcessing(this ICiceroNotificationsBuilder builder, BackgroundWork work = BackgroundWork.All)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if ((work & BackgroundWork.All) == 0 || (work & ~BackgroundWork.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(work), work, "Choose BackgroundWork.Dispatch, BackgroundWork.NightlyJobs or both.");
        }

        if (work.HasFlag(BackgroundWork.Dispatch))
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationBackgroundService>());
        }

        if (work.HasFlag(BackgroundWork.NightlyJobs))
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Cicero.Notifications.Nightly.NightlyBackgroundService>());
        }

        return builder;
    }

    private static ICiceroNotificationsBuilder AddChannel(this ICiceroNotificationsBuilder builder, Protocol protocol, Type implementation, Func<IServiceProvider, INotificationChannel> factory)
    {
        builder.Services.AddSingleton(new ChannelRegistration(protocol, factory, implementation));
        return builder;
    }
}
