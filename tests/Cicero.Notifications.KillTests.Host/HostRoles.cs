using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.KillTests.Host;

/// <summary>The four things a child process does. Each prints its progress to standard output, one line per step.</summary>
internal static class HostRoles
{
    /// <summary>How long a dispatcher with nothing due waits before it claims again.</summary>
    private static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(25);

    /// <summary>How long the drain keeps trying before it gives up (a message still Pending then is a finding).</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(HostArguments args, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Role switch
        {
            HostRole.Setup => await SetupAsync(args, services),
            HostRole.Notify => await NotifyAsync(args, services),
            HostRole.Dispatch => await DispatchAsync(services),
            _ => await DrainAsync(args, services),
        };
    }

    private static async Task<int> SetupAsync(HostArguments args, IServiceProvider services)
    {
        var profiles = services.GetRequiredService<IBorrowerProfileStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var added = 0;
        for (var i = 0; i < args.Count; i++)
        {
            if (await profiles.GetAsync(KillBorrowers.Id(i)) is not null)
            {
                continue;
            }

            _ = await profiles.TrySaveAsync(KillBorrowers.Profile(i, now)) ?? throw new InvalidOperationException($"Borrower {KillBorrowers.Id(i)} was saved by someone else meanwhile.");
            added++;
        }

        Console.Out.WriteLine($"setup {added} borrowers added, {args.Count - added} kept");
        return 0;
    }

    /// <summary>
    /// Notifies every borrower in order, one at a time or in bulk (NotifyManyAsync) at random; a rerun after a kill creates
    /// nothing twice (idempotency keys). A notification an
    /// earlier run stored (its messages are older than this process) goes by at once; after a new one the notifier pauses
    /// one time in ten, so new notifications come in bursts spread over the run.
    /// </summary>
    private static async Task<int> NotifyAsync(HostArguments args, IServiceProvider services)
    {
        var notifier = services.GetRequiredService<INotifier>();
        var time = services.GetRequiredService<TimeProvider>();
        var started = time.GetUtcNow();
        for (var i = 0; i < args.Count;)
        {
            // Half the time one notification, half the time a bulk notify of up to 25: a kill may land inside a batch.
            var count = Random.Shared.Next(2) == 0 ? 1 : Math.Min(1 + Random.Shared.Next(25), args.Count - i);
            IReadOnlyList<IReadOnlyList<Message>> results = count == 1
                ? [await notifier.NotifyAsync(KillBorrowers.Notification(i))]
                : [.. (await notifier.NotifyManyAsync(Enumerable.Range(i, count).Select(KillBorrowers.Notification))).Select(r => r.Messages)];
            foreach (var messages in results)
            {
                Console.Out.WriteLine(messages.All(m => m.CreatedAt < started) ? $"notified {i} again" : $"notified {i}");
                i++;
            }

            if (args.Pause > TimeSpan.Zero && Random.Shared.Next(10) == 0)
            {
                await Task.Delay(args.Pause * 20 * Random.Shared.NextDouble(), time);
            }
        }

        return 0;
    }

    /// <summary>
    /// Dispatches until standard input closes: the test closes it to stop a dispatcher between two dispatches. Prints "idle"
    /// after each dispatch that found nothing due.
    /// </summary>
    private static async Task<int> DispatchAsync(IServiceProvider services)
    {
        var dispatcher = services.GetRequiredService<IMessageDispatcher>();
        using var stop = new CancellationTokenSource();
        var stdin = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync();
            await stop.CancelAsync();
        });
        while (!stop.IsCancellationRequested)
        {
            if ((await dispatcher.DispatchDueAsync()).Claimed == 0)
            {
                Console.Out.WriteLine("idle"); // a heartbeat: the test can count on lines from a dispatcher with nothing to do
                await PauseAsync(IdlePause, stop.Token);
            }
        }

        await stdin;
        Console.Out.WriteLine("stopped");
        return 0;
    }

    /// <summary>Dispatches until the database holds no Pending message; messages leased by killed dispatchers come due when their lease passes.</summary>
    private static async Task<int> DrainAsync(HostArguments args, IServiceProvider services)
    {
        var dispatcher = services.GetRequiredService<IMessageDispatcher>();
        var time = services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        long pending;
        while ((pending = await args.Store.CountPendingAsync()) > 0)
        {
            if (time.GetElapsedTime(started) > DrainLimit)
            {
                await Console.Error.WriteLineAsync($"drain gave up after {DrainLimit.TotalMinutes} minutes: {pending} messages are still Pending");
                return 3;
            }

            if ((await dispatcher.DispatchDueAsync()).Claimed == 0)
            {
                await PauseAsync(IdlePause * 4, CancellationToken.None);
            }
        }

        Console.Out.WriteLine("drained");
        return 0;
    }

    private static async Task PauseAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(pause, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop sees it.
        }
    }
}
