using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Console.Channels;

/// <summary>
/// What the sample's channels "sent": one line per message for the report, and every e-mail body, like the borrowers'
/// inboxes (the story reads the verification link from one). The dispatcher sends several messages at once, so the
/// channels only record here and the story prints the lines after each dispatch, in a stable order.
/// </summary>
internal sealed class ChannelLog
{
    private readonly Lock _lock = new();
    private readonly List<SentLine> _lines = [];
    private readonly List<(string To, string Body)> _emails = [];

    /// <summary>Records one message a channel handled.</summary>
    public void Record(MessageId messageId, string protocol, string to, string what)
    {
        lock (_lock)
        {
            _lines.Add(new SentLine(messageId, protocol, to, what));
        }
    }

    /// <summary>Keeps an e-mail's body in the recipient's "inbox".</summary>
    public void Deliver(string to, string body)
    {
        lock (_lock)
        {
            _emails.Add((to, body));
        }
    }

    /// <summary>Returns the lines recorded since the last call and forgets them.</summary>
    public IReadOnlyList<SentLine> TakeLines()
    {
        lock (_lock)
        {
            var lines = _lines.ToList();
            _lines.Clear();
            return lines;
        }
    }

    /// <summary>Returns the body of the newest e-mail to <paramref name="address"/>, or <see langword="null"/>.</summary>
    public string? NewestEmailTo(string address)
    {
        lock (_lock)
        {
            return _emails.LastOrDefault(e => string.Equals(e.To, address, StringComparison.OrdinalIgnoreCase)).Body;
        }
    }
}
