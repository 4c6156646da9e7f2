namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>
/// What the sample's fake channels "sent", newest first, for the sample outbox page. Kept in memory: a restart empties it
/// (the messages themselves stay in the database).
/// </summary>
/// <remarks>Thread-safe: the dispatcher sends several messages at once.</remarks>
public sealed class SampleOutbox
{
    private readonly Lock _lock = new();
    private readonly List<OutboxEntry> _entries = [];

    /// <summary>Records one message a channel handled.</summary>
    public void Add(OutboxEntry entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>Returns every entry, newest first.</summary>
    public IReadOnlyList<OutboxEntry> Newest()
    {
        lock (_lock)
        {
            return [.. Enumerable.Reverse(_entries)];
        }
    }
}
