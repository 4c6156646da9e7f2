using System.Globalization;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cicero.Notifications.Health;

/// <summary>
/// Healthy when the store answers, no due message has waited longer than <see cref="CiceroNotificationsHealthCheckOptions.MaxDueAge"/>,
/// the message queue holds at most <see cref="CiceroNotificationsHealthCheckOptions.MaxQueueDepth"/> messages and no
/// protocol is paused (its channel's circuit open); degraded when any of these fails; unhealthy when the store cannot be reached. Descriptions and data hold counts
/// and ages, never personal data.
/// </summary>
internal sealed class CiceroNotificationsHealthCheck(IMessageStore store, TimeProvider time, CiceroNotificationsHealthCheckOptions options, ChannelCircuits? circuits = null, ServerSetup? setup = null) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? oldestDue;
        long queueDepth;
        try
        {
            // Letters of a collected protocol wait for staff's next print run: they are not late.
            oldestDue = await store.GetOldestDueAsync(now, setup?.Catalog.Collected ?? [], cancellationToken).ConfigureAwait(false);
            queueDepth = await store.CountQueueAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: a driver's message can name a host, a user or a file.
            return new HealthCheckResult(context.Registration.FailureStatus, $"The message store could not be reached ({ex.GetType().Name}).");
        }

        var dueAge = oldestDue is { } due ? now - due : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["oldest_due_age_seconds"] = (long)dueAge.TotalSeconds,
            ["queue_depth"] = queueDepth,
        };
        var problems = new List<string>();
        foreach (var circuit in circuits?.NotClosed() ?? [])
        {
            // A channel's reason holds no personal data (DeliveryResult's contract), so it may be shown.
            data[$"circuit_{circuit.Protocol.Name}"] = circuit.State == CircuitState.Open ? "open" : "half-open";
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The {circuit.Protocol.Name} channel is paused since {circuit.OpenedAt:u} ({circuit.Reason}); the next probe is at {circuit.OpenUntil:u}."));
        }

        if (dueAge > options.MaxDueAge)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The oldest due message has waited {(long)dueAge.TotalMinutes} min (limit {options.MaxDueAge.TotalMinutes:0.#} min): is background processing added (AddBackgroundProcessing) and the dispatcher running?"));
        }

        if (queueDepth > options.MaxQueueDepth)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The message queue holds {queueDepth} messages (limit {options.MaxQueueDepth}) for staff to handle."));
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"Due messages are being sent; {queueDepth} message(s) in the message queue."), data)
            : HealthCheckResult.Degraded(string.Join(" ", problems), data: data);
    }
}
