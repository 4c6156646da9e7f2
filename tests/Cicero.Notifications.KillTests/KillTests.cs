using Cicero.Notifications.TestSupport;
using FluentAssertions.Execution;
using Xunit.Abstractions;

namespace Cicero.Notifications.KillTests;

/// <summary>
/// A notifier and dispatchers run as real processes on one store with a 2 s lease, are killed with SIGKILL at random
/// moments and started again; then the database and the channels' send logs (flushed to disk before each send reports
/// delivery) must show that nothing was lost or created twice, no SMS went out twice, every e-mail went out, and
/// everything that is not Sent is an in-doubt SMS in the message queue. The seed is printed; <c>CICERO_KILL_SEED</c>
/// replays its kill schedule and <c>CICERO_KILL_TESTS=&lt;kills&gt;</c> makes a run bigger (10 notifications per kill).
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Notifier_and_two_dispatchers_killed_at_random_on_SQLite_lose_nothing_and_send_no_SMS_twice()
    {
        var plan = KillPlan.FromEnvironment("SQLite", defaultKills: 30, dispatchers: 2, parallelism: 2);
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);

        var findings = await RunAsync(plan, new SqliteKillStore(Path.Combine(folder.Path, "notifications.db")), Path.Combine(folder.Path, "send-logs"));

        AssertInvariants(findings);
    }

    [Fact]
    [Trait("Category", "Long")]
    public async Task Notifier_and_four_dispatchers_killed_at_random_on_PostgreSQL_lose_nothing_and_send_no_SMS_twice()
    {
        var plan = KillPlan.FromEnvironment("PostgreSQL", defaultKills: 10, dispatchers: 4, parallelism: 2);
        var server = new PostgresServer();
        try
        {
            await server.InitializeAsync();
            var connectionString = await server.NewSchemaAsync();
            using var folder = new TempFolder();

            var findings = await RunAsync(plan, new PostgreSqlKillStore(connectionString), Path.Combine(folder.Path, "send-logs"));

            AssertInvariants(findings);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private async Task<KillFindings> RunAsync(KillPlan plan, KillStore store, string workFolder)
    {
        output.WriteLine($"Kill test on {plan.Store}: seed {plan.Seed} (replay with {KillPlan.SeedVariable}={plan.Seed}), {plan.Kills} kills, {plan.Notifications} notifications, {plan.Dispatchers} dispatchers × {plan.Parallelism} sends at once, lease 2 s, notifier pause {plan.NotifierPause.TotalMilliseconds} ms per new notification");
        Directory.CreateDirectory(workFolder);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5 + (plan.Kills / 10.0)));
        using (var run = new KillRun(plan, store, workFolder, output))
        {
            try
            {
                await run.RunAsync(limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"The kill run (seed {plan.Seed}) did not finish within {limit}: a child hangs, or the machine is far slower than expected.");
            }

            var findings = await KillFindings.ReadAsync(plan, run, store, workFolder);
            foreach (var line in findings.Figures())
            {
                output.WriteLine(line);
            }

            output.WriteLine(findings.Summary);
            return findings;
        }
    }

    private static void AssertInvariants(KillFindings findings)
    {
        using var scope = new AssertionScope();
        scope.AddReportable("kill run", findings.Summary); // the seed, to replay it
        findings.Lost.Should().BeEmpty("no notification is lost: every key kill-0 … kill-(N-1) has one SMS and one e-mail message");
        findings.Duplicates.Should().BeEmpty("a notifier run again after a kill creates nothing twice: one message per idempotency key and protocol");
        findings.Strays.Should().BeEmpty("every message belongs to one of the run's notifications");
        findings.DoubleSends.Should().BeEmpty("an at-most-once (SMS) message is never sent twice: no id appears twice across the SMS send logs");
        findings.EmailsNeverSent.Should().BeEmpty("every at-least-once (e-mail) message is sent: its id is in an e-mail send log");
        findings.SentSmsNotInLog.Should().BeEmpty("an SMS stored as Sent was sent: its id is in an SMS send log");
        findings.LoggedButUnknown.Should().BeEmpty("the channels sent only stored messages of their own protocol");
        findings.NotFinal.Should().BeEmpty("after the drain every message is Sent or Failed (staff see it in the queue): nothing is Pending");
        findings.FailedOtherwise.Should().BeEmpty("the only failure a kill may cause is an in-doubt SMS (failure kind InDoubt, protocol Sms)");
        findings.Integrity.Should().Be("ok", "the database survives being killed mid-write ({0})", findings.IntegrityCheck);
        findings.InDoubtNeverStarted.Count.Should().BeLessThanOrEqualTo(findings.NeverStartedBound,
            "an in-doubt SMS that was never sent needs a kill between the begun mark and the channel call, and a killed dispatcher had at most {0} sends begun", findings.Plan.Parallelism);
        findings.Logs.UnreadableLines.Should().Be(0, "each send log line is written whole before the send reports delivery");
    }
}
