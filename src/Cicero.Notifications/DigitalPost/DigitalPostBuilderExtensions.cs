using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.DigitalPost;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Digital Post on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class DigitalPostBuilderExtensions
{
    /// <summary>
    /// Registers the Digital Post channel (it builds a MeMo letter from each message) for <see cref="Protocol.DigitalPost"/>, sending through
    /// <typeparamref name="TTransport"/> (a singleton). The sender CVR is checked at start.
    /// </summary>
    /// <typeparam name="TTransport">The host's transport to NgDP, e-Boks or a print service.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the library's CVR number and, optionally, the sender label.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddDigitalPost<TTransport>(this ICiceroNotificationsBuilder builder, Action<DigitalPostOptions> configure)
        where TTransport : class, IDigitalPostTransport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<DigitalPostOptions>().Configure(configure);
        return AddCore<TTransport>(builder);
    }

    /// <summary>
    /// Registers the Digital Post channel (it builds a MeMo letter from each message) for <see cref="Protocol.DigitalPost"/>, with options bound from
    /// configuration (for example the <c>Cicero:Notifications:DigitalPost</c> section).
    /// </summary>
    /// <typeparam name="TTransport">The host's transport to NgDP, e-Boks or a print service.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configuration">The section holding <see cref="DigitalPostOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddDigitalPost<TTransport>(this ICiceroNotificationsBuilder builder, IConfiguration configuration)
        where TTransport : class, IDigitalPostTransport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<DigitalPostOptions>().Bind(configuration);
        return AddCore<TTransport>(builder);
    }

    /// <summary>
    /// Registers the Digital Post channel for <see cref="Protocol.DigitalPost"/>, sending through a transport instance.
    /// The sender CVR is checked at start.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="transport">The host's transport to NgDP, e-Boks or a print service (thread-safe).</param>
    /// <param name="configure">Sets the library's CVR number and, optionally, the sender label.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddDigitalPost(this ICiceroNotificationsBuilder builder, IDigitalPostTransport transport, Action<DigitalPostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return builder.AddDigitalPost(_ => transport, configure);
    }

    /// <summary>
    /// Registers the Digital Post channel for <see cref="Protocol.DigitalPost"/>, sending through a transport created by a
    /// factory (called once). The sender CVR is checked at start.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the host's transport to NgDP, e-Boks or a print service (thread-safe).</param>
    /// <param name="configure">Sets the library's CVR number and, optionally, the sender label.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddDigitalPost(this ICiceroNotificationsBuilder builder, Func<IServiceProvider, IDigitalPostTransport> factory, Action<DigitalPostOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<DigitalPostOptions>().Configure(configure);
        builder.Services.TryAddSingleton(factory);
        return AddChannel(builder);
    }

    private static ICiceroNotificationsBuilder AddCore<TTransport>(ICiceroNotificationsBuilder builder)
        where TTransport : class, IDigitalPostTransport
    {
        builder.Services.TryAddSingleton<IDigitalPostTransport, TTransport>();
        return AddChannel(builder);
    }

    private static ICiceroNotificationsBuilder AddChannel(ICiceroNotificationsBuilder builder)
    {
        builder.Services.AddOptions<DigitalPostOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigitalPostOptions>, DigitalPostOptionsValidator>());

        // A second call only configures more: the channel is registered once.
        var registered = builder.Services.Any(d => d.ImplementationInstance is ChannelRegistration { ImplementationType: var type } && type == typeof(DigitalPostChannel));
        return registered ? builder : builder.AddChannel<DigitalPostChannel>(Protocol.DigitalPost);
    }
}
