namespace Cicero.Notifications.KillTests;

/// <summary>
/// What the channels say they sent: every <c>sms-*.log</c> and <c>email-*.log</c> in the work folder (one per process),
/// as how often each message id appears. A line that is not an id (a write cut short) is counted, not read.
/// </summary>
/// <param name="Sms">How often each id appears in the SMS logs.</param>
/// <param name="Email">How often each id appears in the e-mail logs.</param>
/// <param name="Files">How many log files there are.</param>
/// <param name="UnreadableLines">How many lines are not a message id.</param>
internal sealed record SendLogs(IReadOnlyDictionary<Guid, int> Sms, IReadOnlyDictionary<Guid, int> Email, int Files, int UnreadableLines)
{
    public static SendLogs Read(string folder)
    {
        var unreadable = 0;
        var files = 0;
        Dictionary<Guid, int> Count(string protocol)
        {
            var counts = new Dictionary<Guid, int>();
            foreach (var file in Directory.EnumerateFiles(folder, $"{protocol}-*.log"))
            {
                files++;
                foreach (var line in File.ReadLines(file))
                {
                    if (Guid.TryParseExact(line, "D", out var id))
                    {
                        counts[id] = counts.GetValueOrDefault(id) + 1;
                    }
                    else
                    {
                        unreadable++;
                    }
                }
            }

            return counts;
        }

        var sms = Count("sms");
        var email = Count("email");
        return new SendLogs(sms, email, files, unreadable);
    }

    /// <summary>How often the id appears in the SMS logs.</summary>
    public int SmsSends(Guid id) => Sms.GetValueOrDefault(id);

    /// <summary>How often the id appears in the e-mail logs.</summary>
    public int EmailSends(Guid id) => Email.GetValueOrDefault(id);
}
