using System.Text;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.KillTests.Host;

/// <summary>
/// One channel's record of what this process sent: a file <c>{protocol}-{pid}.log</c> in the work folder with one message
/// id per line, each line written and flushed to disk (fsync) before the channel reports delivery. The file is created at
/// the first send and only ever appended to, so a later process that happens to get the same process id adds to it.
/// Thread-safe: the dispatcher sends several messages at once.
/// </summary>
internal sealed class SendLog(string folder, string protocol) : IDisposable
{
    private readonly Lock _lock = new();
    private FileStream? _file;

    /// <summary>Appends the id and flushes it to disk.</summary>
    public void Append(MessageId id)
    {
        var line = Encoding.ASCII.GetBytes(id + "\n");
        lock (_lock)
        {
            _file ??= new FileStream(Path.Combine(folder, $"{protocol}-{Environment.ProcessId}.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            _file.Write(line);
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
        }
    }
}
