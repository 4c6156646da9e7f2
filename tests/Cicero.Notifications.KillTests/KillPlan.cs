using System.Globalization;

namespace Cicero.Notifications.KillTests;

/// <summary>
/// How big a kill run is and how its kills fall: <see cref="Kills"/> SIGKILLs of random children, each after a random
/// number of the victim's own output lines drawn from a <see cref="Random"/> seeded with <see cref="Seed"/>.
/// </summary>
/// <param name="Store">The store's name, for the report.</param>
/// <param name="Kills">How many times a random child is killed and restarted.</param>
/// <param name="Notifications">How many notifications (N); each makes an SMS and an e-mail message.</param>
/// <param name="Dispatchers">How many dispatcher processes run at once.</param>
/// <param name="Parallelism">Each dispatcher's <c>Dispatch.MaxParallelism</c>: how many sends one kill can interrupt.</param>
/// <param name="Seed">The seed of the kill schedule.</param>
public sealed record KillPlan(string Store, int Kills, int Notifications, int Dispatchers, int Parallelism, int Seed)
{
    /// <summary>The environment variable that makes a run bigger: its value is the number of kills.</summary>
    public const string KillsVariable = "CICERO_KILL_TESTS";

    /// <summary>The environment variable that replays a run's kill schedule: the seed the run printed.</summary>
    public const string SeedVariable = "CICERO_KILL_SEED";

    /// <summary>Notifications per kill: enough work that most kills land while messages are being created or sent.</summary>
    public const int NotificationsPerKill = 10;

    /// <summary>A victim is killed after 1 to this many of its lines: new notifications, or sends (idle dispatches once the notifier is done).</summary>
    public const int MaxLinesBeforeKill = 20;

    /// <summary>
    /// Gets the notifier's mean pause per new notification (it pauses in bursts), 30 ms per dispatcher: a dispatcher's
    /// share of the sends then comes at the same pace however many there are, a kill falls about every half second to
    /// second, and most kills land while messages are being created and sent rather than after the notifier is done.
    /// </summary>
    public TimeSpan NotifierPause => TimeSpan.FromMilliseconds(30 * Dispatchers);

    /// <summary>The plan for a store: <paramref name="defaultKills"/> kills, or <c>CICERO_KILL_TESTS</c>; the seed from <c>CICERO_KILL_SEED</c> or new.</summary>
    public static KillPlan FromEnvironment(string store, int defaultKills, int dispatchers, int parallelism)
    {
        var kills = ReadPositive(KillsVariable) ?? defaultKills;
        var seed = ReadPositive(SeedVariable) ?? Random.Shared.Next(1, int.MaxValue);
        return new KillPlan(store, kills, kills * NotificationsPerKill, dispatchers, parallelism, seed);
    }

    private static int? ReadPositive(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"{variable} must be a positive whole number, not '{text}'.");
    }
}
