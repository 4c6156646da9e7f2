using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace Cicero.Notifications.KillTests;

/// <summary>
/// One run of the kill test's host (<c>dotnet exec Cicero.Notifications.KillTests.Host.dll …</c>). Its output lines go to a
/// channel the driver reads; the last lines of its standard error are kept for failure messages. Standard input stays open
/// until <see cref="CloseInput"/>: a dispatcher stops when it closes, and so does every child whose test process died.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int ErrorLinesKept = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _readers;

    private ChildProcess(string name, Process process, ChannelWriter<ChildLine> lines)
    {
        Name = name;
        _process = process;
        _readers = Task.WhenAll(ReadOutputAsync(lines), ReadErrorsAsync());
    }

    /// <summary>Gets the child's name and run, for example <c>dispatch-2#3</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Gets the last lines the child wrote to standard error.</summary>
    public string ErrorTail => string.Join('\n', _errors);

    public static ChildProcess Start(string name, string hostDll, IEnumerable<string> arguments, ChannelWriter<ChildLine> lines)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", hostDll, .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        return new ChildProcess(name, process, lines);
    }

    /// <summary>Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux), if it still runs.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    /// <summary>Closes the child's standard input: a dispatcher finishes its current dispatch and exits.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits until the process has exited and its output is read; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await _readers.WaitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {Id})";

    private async Task ReadOutputAsync(ChannelWriter<ChildLine> lines)
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lines.TryWrite(new ChildLine(this, line));
        }

        lines.TryWrite(new ChildLine(this, null));
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            _errors.Enqueue(line);
            while (_errors.Count > ErrorLinesKept && _errors.TryDequeue(out _))
            {
            }
        }
    }
}
