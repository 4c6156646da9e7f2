using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cicero.Notifications.Samples.Web.Pages;

/// <summary>
/// The overview: messages of the last 14 days by status and by protocol, and the queue depth. The sample counts by
/// reading each borrower's list (a few dozen borrowers); a host with many borrowers would count in its own store.
/// </summary>
public sealed class IndexModel(IBorrowerMessages messages, IMessageQueue queue, TimeProvider clock, HealthCheckService health) : PageModel
{
    /// <summary>Gets the counts by status display name.</summary>
    public IReadOnlyList<(string Name, int Count)> ByStatus { get; private set; } = [];

    /// <summary>Gets the counts by protocol display name.</summary>
    public IReadOnlyList<(string Name, int Count)> ByProtocol { get; private set; } = [];

    /// <summary>Gets the number of messages in the queue.</summary>
    public long QueueDepth { get; private set; }

    /// <summary>Gets the library's health report (status, description, and the circuits of paused channels in its data).</summary>
    public HealthReport? Health { get; private set; }

    /// <summary>Counts.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-14);
        var rows = new List<MessageRow>();
        foreach (var borrower in BorrowerRegister.All)
        {
            var page = await messages.ListAsync(borrower.Id, new PageRequest(PageRequest.MaxSize), culture: Ui.Culture, cancellationToken: ct);
            rows.AddRange(page.Items.Where(r => r.CreatedAt >= since));
        }

        ByStatus = [.. Enum.GetValues<MessageStatus>().Select(s => (DisplayNames.Of(s, Ui.Culture), rows.Count(r => r.Status == s)))];
        ByProtocol = [.. rows.GroupBy(r => r.ProtocolName, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))];
        QueueDepth = await queue.CountAsync(ct);
        Health = await health.CheckHealthAsync(ct);
    }
}
