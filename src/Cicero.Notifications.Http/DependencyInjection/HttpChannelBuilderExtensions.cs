using Cicero.Notifications;
using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers HTTP channels (JSON SMS gateways, user-defined protocols' services) on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class HttpChannelBuilderExtensions
{
    /// <summary>
    /// Registers an HTTP channel for <paramref name="protocol"/> with options configured in code: each message is POSTed
    /// to <see cref="HttpChannelOptions.Url"/> through the named <see cref="HttpClient"/>
    /// <c>Cicero.Notifications.Http.{protocol}</c>. Options are validated at start-up. Calling it again for the same
    /// protocol adds configuration but no second channel.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="protocol">The protocol the channel delivers, for example <see cref="Protocol.Sms"/> or a user-defined one.</param>
    /// <param name="configure">Configures the request.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// No retry or resilience handler is added, and resilience handlers that the host adds to every client (with
    /// <c>ConfigureHttpClientDefaults</c>) are removed from this one: the dispatcher owns retries, and a blind HTTP retry
    /// can send an SMS twice. Redirects are not followed. The factory's own request logging is removed from this client
    /// (its structured state carries header values, such as API keys, unredacted); the channel logs each outcome itself.
    /// </remarks>
    public static ICiceroNotificationsBuilder AddHttpChannel(this ICiceroNotificationsBuilder builder, Protocol protocol, Action<HttpChannelOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<HttpChannelOptions>(protocol.Name).Configure(configure);
        return AddCore(builder, protocol);
    }

    /// <summary>
    /// Registers an HTTP channel for <paramref name="protocol"/> with options bound from configuration (for example
    /// <c>configuration.GetSection("Cicero:Notifications:Http:Sms")</c>). Options are validated at start-up; an error names the
    /// option's configuration path (<c>Cicero:Notifications:Http:Sms:Url</c>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="protocol">The protocol the channel delivers.</param>
    /// <param name="configuration">The configuration section holding <see cref="HttpChannelOptions"/>.</param>
    /// <returns>The builder.</returns>
    /// <remarks>See <see cref="AddHttpChannel(ICiceroNotificationsBuilder, Protocol, Action{HttpChannelOptions})"/>.</remarks>
    public static ICiceroNotificationsBuilder AddHttpChannel(this ICiceroNotificationsBuilder builder, Protocol protocol, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<HttpChannelOptions>(protocol.Name).Bind(configuration);
        if (configuration is IConfigurationSection section)
        {
            builder.Services.AddSingleton(new HttpChannelConfigurationPath(protocol.Name, section.Path));
        }

        return AddCore(builder, protocol);
    }

    private static ICiceroNotificationsBuilder AddCore(ICiceroNotificationsBuilder builder, Protocol protocol)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(HttpChannelMarker) && d.ImplementationInstance is HttpChannelMarker marker && marker.Protocol == protocol))
        {
            return builder;
        }

        services.AddSingleton(new HttpChannelMarker(protocol));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpChannelOptions>, HttpChannelOptionsValidator>());
        var name = protocol.Name;
        services.AddOptions<HttpChannelOptions>(name)
            .PostConfigure<IOptions<CiceroNotificationsOptions>>((http, notifications) => http.SenderName ??= notifications.Value.LibraryName)
            .ValidateOnStart();

        services.AddHttpClient(HttpChannelOptions.HttpClientNamePrefix + name)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptionsMonitor<HttpChannelOptions>>().Get(name).Timeout)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => DisableRedirects(handler))
            .ConfigureAdditionalHttpMessageHandlers((handlers, sp) => RemoveRetryingHandlers(handlers, sp, name))
            // The factory's request logs redact header values in their text but carry them unredacted in their
            // structured state (an API key would reach any structured sink): the channel logs outcomes itself.
            .RemoveAllLoggers();

        services.AddKeyedSingleton(name, (sp, _) => new HttpChannel(
            protocol,
            sp.GetRequiredService<IOptionsMonitor<HttpChannelOptions>>().Get(name),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<HttpChannel>>()));
        return builder.AddChannel(protocol, sp => sp.GetRequiredKeyedService<HttpChannel>(name));
    }

    /// <summary>A POST redirected by 301/302 turns into a GET without the message: never follow redirects.</summary>
    private static void DisableRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }

    /// <summary>Removes resilience (retry, hedging) handlers added to every client by <c>ConfigureHttpClientDefaults</c>.</summary>
    private static void RemoveRetryingHandlers(IList<DelegatingHandler> handlers, IServiceProvider services, string protocol)
    {
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            if (IsRetrying(handlers[i].GetType()))
            {
                var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Cicero.Notifications.Http") ?? NullLogger.Instance;
                HttpLog.RetryHandlerRemoved(logger, handlers[i].GetType().Name, protocol);
                handlers.RemoveAt(i);
            }
        }
    }

    private static bool IsRetrying(Type? type)
    {
        for (; type is not null && type != typeof(DelegatingHandler); type = type.BaseType)
        {
            var name = type.FullName ?? string.Empty;
            if (name.StartsWith("Microsoft.Extensions.Http.Resilience.", StringComparison.Ordinal)
                || name.StartsWith("Polly.", StringComparison.Ordinal)
                || string.Equals(name, "Microsoft.Extensions.Http.PolicyHttpMessageHandler", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
