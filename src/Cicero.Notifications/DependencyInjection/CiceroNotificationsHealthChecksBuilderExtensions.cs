using Cicero.Notifications;
using Cicero.Notifications.Health;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the library's health check with <c>services.AddHealthChecks()</c>.</summary>
public static class CiceroNotificationsHealthChecksBuilderExtensions
{
    /// <summary>The health check's default name.</summary>
    public const string DefaultName = "cicero-notifications";

    /// <summary>
    /// Adds a health check of the notifications: the store answers (unhealthy when not), no due message waits longer than
    /// <see cref="CiceroNotificationsHealthCheckOptions.MaxDueAge"/> and the message queue is not deeper than
    /// <see cref="CiceroNotificationsHealthCheckOptions.MaxQueueDepth"/> (degraded when either is passed). For example
    /// <c>services.AddHealthChecks().AddCiceroNotifications()</c>, then <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Sets the limits; optional.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>"ready"</c>.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddCiceroNotifications(
        this IHealthChecksBuilder builder, Action<CiceroNotificationsHealthCheckOptions>? configure = null, string name = DefaultName, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new CiceroNotificationsHealthCheckOptions();
        configure?.Invoke(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxDueAge, TimeSpan.Zero, nameof(configure));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxQueueDepth, nameof(configure));
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new CiceroNotificationsHealthCheck(sp.GetRequiredService<IMessageStore>(), sp.GetService<TimeProvider>() ?? TimeProvider.System, options, sp.GetService<ChannelCircuits>(), sp.GetService<ServerSetup>()),
            failureStatus: HealthStatus.Unhealthy,
            tags));
    }
}
