using System.Globalization;

namespace Cicero.Notifications.KillTests.Host;

/// <summary>The command line of a child process.</summary>
/// <param name="Role">What the process does.</param>
/// <param name="Store">The shared store.</param>
/// <param name="WorkFolder">Where the channels write their send logs.</param>
/// <param name="Count">How many borrowers and notifications (N).</param>
/// <param name="Parallelism">The dispatcher's <c>Dispatch.MaxParallelism</c>.</param>
/// <param name="Pause">The notifier's mean pause per new notification.</param>
internal sealed record HostArguments(HostRole Role, StoreTarget Store, string WorkFolder, int Count, int Parallelism, TimeSpan Pause)
{
    public const int DefaultParallelism = 2;

    public const string Usage = """
        Cicero.Notifications kill test host: one child process of tests/Cicero.Notifications.KillTests.

        Usage:
          dotnet Cicero.Notifications.KillTests.Host.dll <role> sqlite <file> <work folder> <N> [options]
          dotnet Cicero.Notifications.KillTests.Host.dll <role> postgres <connection string> <work folder> <N> [options]

        Roles:
          setup     save borrowers L-0 … L-{N-1}, each with an SMS number and an imported e-mail (existing ones are kept)
          notify    notify each borrower once, idempotency key kill-{i}; prints "notified {i}" after each new one and
                    "notified {i} again" after one an earlier run stored
          dispatch  dispatch due messages until standard input closes; prints "sent sms|email {id}" per send and
                    "idle" after a dispatch that found nothing due
          drain     dispatch until no message is Pending (waiting for leases of killed dispatchers); prints "drained"

        Options:
          --parallelism <P>  sends at once per dispatcher (Dispatch.MaxParallelism); default 2
          --pause <ms>       notify: spread the new notifications over time, in bursts (after each, one time in ten, a
                             pause of 0 to 20 × ms); on average ms per notification; default 0

        The SMS channel (at most once) and the e-mail channel (at least once) append each message id to
        sms-{pid}.log / email-{pid}.log in the work folder and flush it to disk before reporting delivery.
        Lease 2 s, batch 10.

        Exit codes: 0 done; 1 failed (the error is on standard error); 2 bad arguments; 3 drain gave up.

        """;

    /// <summary>Parses the command line; <paramref name="problem"/> says what is wrong when it returns null.</summary>
    public static HostArguments? Parse(IReadOnlyList<string> args, out string? problem)
    {
        problem = null;
        if (args.Count < 5 || args.Count % 2 == 0)
        {
            problem = "Expected <role> <store> <target> <work folder> <N> [--parallelism P] [--pause ms].";
            return null;
        }

        if (!Enum.TryParse<HostRole>(args[0], ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            problem = $"Unknown role '{args[0]}'.";
            return null;
        }

        var kind = args[1] switch
        {
            "sqlite" => StoreKind.Sqlite,
            "postgres" => StoreKind.PostgreSql,
            _ => (StoreKind?)null,
        };
        if (kind is null)
        {
            problem = $"Unknown store '{args[1]}': sqlite or postgres.";
            return null;
        }

        if (!TryParseCount(args[4], out var count) || count == 0)
        {
            problem = $"N must be a positive whole number, not '{args[4]}'.";
            return null;
        }

        var parallelism = DefaultParallelism;
        var pauseMilliseconds = 0;
        for (var i = 5; i < args.Count; i += 2)
        {
            var ok = args[i] switch
            {
                "--parallelism" => TryParseCount(args[i + 1], out parallelism) && parallelism > 0,
                "--pause" => TryParseCount(args[i + 1], out pauseMilliseconds),
                _ => false,
            };
            if (!ok)
            {
                problem = $"Unknown option or bad value: '{args[i]} {args[i + 1]}'.";
                return null;
            }
        }

        return new HostArguments(role, new StoreTarget(kind.Value, args[2]), args[3], count, parallelism, TimeSpan.FromMilliseconds(pauseMilliseconds));
    }

    private static bool TryParseCount(string text, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
