using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Cicero.Notifications.TestSupport;
using Xunit.Abstractions;

namespace Cicero.Notifications.KillTests;

/// <summary>
/// Drives one kill run: <c>setup</c>; one <c>notify</c> and <see cref="KillPlan.Dispatchers"/> <c>dispatch</c> processes at
/// once; <see cref="KillPlan.Kills"/> times a random running child is killed with SIGKILL after a random number of its own
/// output lines and started again (a notifier runs all its keys again); then the notifier finishes, the dispatchers stop
/// (their standard input closes) and <c>drain</c> sends what is left. Moments are counted in output lines, never in time,
/// so the test waits on nothing but the children. Every child still running is killed on <see cref="Dispose"/>.
/// </summary>
internal sealed class KillRun(KillPlan plan, KillStore store, string workFolder, ITestOutputHelper output) : IDisposable
{
    private readonly Channel<ChildLine> _lines = Channel.CreateUnbounded<ChildLine>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<ChildProcess> _started = [];
    private readonly Dictionary<string, int> _runs = [];
    private readonly Random _random = new(plan.Seed);
    private readonly ChildProcess?[] _dispatchers = new ChildProcess?[plan.Dispatchers];
    private readonly Stopwatch _clock = new();
    private ChildProcess? _notifier;

    /// <summary>Gets how often the notifier was killed.</summary>
    public int NotifierKills { get; private set; }

    /// <summary>Gets how often a dispatcher was killed.</summary>
    public int DispatcherKills { get; private set; }

    /// <summary>Gets how many notifier processes ran (one, plus one per kill).</summary>
    public int NotifierRuns => _runs.GetValueOrDefault("notify");

    /// <summary>Gets how long the run took, from set-up to the end of the drain.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>The host built next to this test (same configuration); the solution's build makes it.</summary>
    public static string HostDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Repository.PathOf("tests", "Cicero.Notifications.KillTests.Host", "bin", configuration, "net10.0", "Cicero.Notifications.KillTests.Host.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"The kill test's host is not built: {dll} is missing. Build the solution (dotnet build Cicero.Notifications.sln -c {configuration}) first.");
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _clock.Start();
        await RunToEndAsync("setup", cancellationToken);
        _notifier = Start("notify");
        for (var i = 0; i < _dispatchers.Length; i++)
        {
            _dispatchers[i] = Start(DispatcherName(i));
        }

        while (NotifierKills + DispatcherKills < plan.Kills)
        {
            await KillOneAsync(cancellationToken);
        }

        while (_notifier is not null)
        {
            await ReadLineAsync(cancellationToken);
        }

        await StopDispatchersAsync(cancellationToken);
        await RunToEndAsync("drain", cancellationToken);
        Elapsed = _clock.Elapsed;
    }

    public void Dispose()
    {
        foreach (var child in _started)
        {
            child.Dispose();
        }
    }

    /// <summary>
    /// Draws a victim among the running children and how many of its lines to wait for, 1 to
    /// <see cref="KillPlan.MaxLinesBeforeKill"/> (the notifier: new notifications, not those a rerun finds stored; a
    /// dispatcher: sends, and idle dispatches too once the notifier is done and no new work comes), then kills it and
    /// starts it again. A notifier that finishes before its moment is not killed: a victim is drawn again.
    /// </summary>
    private async Task KillOneAsync(CancellationToken cancellationToken)
    {
        var running = _dispatchers.Prepend(_notifier).OfType<ChildProcess>().ToList();
        var victim = running[_random.Next(running.Count)];
        var isNotifier = victim == _notifier;
        var moment = _random.Next(1, KillPlan.MaxLinesBeforeKill + 1);
        var (seen, sends, idle) = (0, 0, 0);
        while (seen < moment)
        {
            var line = await ReadLineAsync(cancellationToken);
            if (line.Child != victim)
            {
                continue;
            }

            if (line.Text is null)
            {
                return; // the notifier finished first
            }

            var isSend = line.Text.StartsWith("sent ", StringComparison.Ordinal);
            (sends, idle) = isSend ? (sends + 1, idle) : (sends, idle + 1);
            var counts = isNotifier
                ? !line.Text.EndsWith(" again", StringComparison.Ordinal)
                : isSend || _notifier is null;
            if (counts)
            {
                seen++;
            }
        }

        victim.Kill();
        await victim.WaitForExitAsync(cancellationToken);
        var restarted = Start(victim.Name[..victim.Name.IndexOf('#', StringComparison.Ordinal)]);
        if (isNotifier)
        {
            _notifier = restarted;
            NotifierKills++;
        }
        else
        {
            _dispatchers[Array.IndexOf(_dispatchers, victim)] = restarted;
            DispatcherKills++;
        }

        Say($"kill {NotifierKills + DispatcherKills}: {victim} after {(isNotifier ? $"{moment} new notifications" : $"{sends} sends and {idle} idle dispatches")}; {restarted} started");
    }

    /// <summary>Reads the next line of any child; a current child whose output ended must be the notifier, done.</summary>
    private async Task<ChildLine> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = await _lines.Reader.ReadAsync(cancellationToken);
        if (line.Text is null && (line.Child == _notifier || _dispatchers.Contains(line.Child)))
        {
            var exitCode = await line.Child.WaitForExitAsync(cancellationToken);
            if (line.Child != _notifier || exitCode != 0)
            {
                throw new InvalidOperationException($"{line.Child} exited on its own with code {exitCode}. Its standard error ends:\n{line.Child.ErrorTail}");
            }

            Say($"{line.Child} finished: all {plan.Notifications} notifications are stored");
            _notifier = null;
        }

        return line;
    }

    /// <summary>Closes every dispatcher's standard input; each finishes its dispatch and exits 0.</summary>
    private async Task StopDispatchersAsync(CancellationToken cancellationToken)
    {
        foreach (var dispatcher in _dispatchers)
        {
            dispatcher!.CloseInput();
        }

        for (var i = 0; i < _dispatchers.Length; i++)
        {
            var dispatcher = _dispatchers[i]!;
            _dispatchers[i] = null;
            var exitCode = await dispatcher.WaitForExitAsync(cancellationToken);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"{dispatcher} exited with code {exitCode} when asked to stop. Its standard error ends:\n{dispatcher.ErrorTail}");
            }
        }
    }

    private async Task RunToEndAsync(string role, CancellationToken cancellationToken)
    {
        var child = Start(role);
        var exitCode = await child.WaitForExitAsync(cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{child} exited with code {exitCode}. Its standard error ends:\n{child.ErrorTail}");
        }

        Say($"{child} done");
    }

    private ChildProcess Start(string role)
    {
        var run = _runs[role] = _runs.GetValueOrDefault(role) + 1;
        var arguments = (string[])[
            role.Split('-')[0], .. store.HostArguments, workFolder,
            plan.Notifications.ToString(CultureInfo.InvariantCulture),
            "--parallelism", plan.Parallelism.ToString(CultureInfo.InvariantCulture),
            "--pause", plan.NotifierPause.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)];
        var child = ChildProcess.Start($"{role}#{run}", HostDll(), arguments, _lines.Writer);
        _started.Add(child);
        return child;
    }

    private void Say(string text) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds,6:F1} s  {text}"));

    private static string DispatcherName(int index) => $"dispatch-{(index + 1).ToString(CultureInfo.InvariantCulture)}";
}
