using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Samples.Web.Pages.Queue;

/// <summary>The message queue (Beskedkø): failed messages, oldest first, filtered and paged; bulk actions on the selected ones.</summary>
public sealed class IndexModel(IMessageQueue queue, TimeProvider clock, IOptions<CiceroNotificationsOptions> options) : PageModel
{
    /// <summary>The page size.</summary>
    public const int PageSize = 20;

    /// <summary>Gets the type filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    /// <summary>Gets the protocol filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Protocol { get; set; }

    /// <summary>Gets the branch filter (a branch code).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Branch { get; set; }

    /// <summary>Gets the failure kind filter.</summary>
    [BindProperty(SupportsGet = true)]
    public string? FailureKind { get; set; }

    /// <summary>Gets the age filter: at least this many hours old.</summary>
    [BindProperty(SupportsGet = true)]
    public int? OlderThanHours { get; set; }

    /// <summary>Gets the continuation of the page shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Continuation { get; set; }

    /// <summary>Gets the rows.</summary>
    public MessageRowPage? Rows { get; private set; }

    /// <summary>Gets the queue's size.</summary>
    public long Count { get; private set; }

    /// <summary>Gets an error to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the library's options (the server setup).</summary>
    public CiceroNotificationsOptions Options => options.Value;

    /// <summary>Gets the protocols a message can be sent on instead.</summary>
    public IReadOnlyList<Protocol> Protocols => [.. Domain.Protocol.BuiltIn, .. options.Value.UserDefinedProtocols.Select(u => Domain.Protocol.Parse(u.Name))];

    /// <summary>Gets the notification types.</summary>
    public IReadOnlyList<NotificationType> Types => [.. options.Value.Types.Keys.Select(NotificationType.Parse)];

    /// <summary>Gets a type's display name.</summary>
    public string TypeName(NotificationType type) => Ui.TypeName(type, options.Value);

    /// <summary>Shows the queue.</summary>
    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Runs a bulk action on the selected messages.</summary>
    public async Task<IActionResult> OnPostBulkAsync(string[]? ids, string? action, string? toProtocol, string? note, CancellationToken ct)
    {
        var selected = (ids ?? []).Select(i => MessageId.TryParse(i, out var id) ? id : (MessageId?)null).OfType<MessageId>().ToList();
        if (selected.Count == 0)
        {
            Error = Ui.T("Vælg mindst én besked.", "Select at least one message.");
            await LoadAsync(ct);
            return Page();
        }

        var staff = Program.StaffId(User);
        var selection = MessageSelection.Of(selected);
        var trimmedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        try
        {
            var result = action switch
            {
                "retry" => await queue.RetryManyAsync(selection, staff, trimmedNote, ct),
                "reroute" => await queue.RerouteManyAsync(selection, Domain.Protocol.Parse(toProtocol ?? ""), staff, trimmedNote, ct),
                "handled" => await queue.MarkHandledManyAsync(selection, staff, trimmedNote, ct),
                "dismiss" => await queue.DismissManyAsync(selection, staff, trimmedNote, ct),
                _ => null,
            };
            if (result is null)
            {
                Error = Ui.T("Vælg en handling.", "Choose an action.");
                await LoadAsync(ct);
                return Page();
            }

            var refused = string.Join("; ", result.Refused.Select(r => r.Reason));
            TempData["Notice"] = Ui.T(
                $"{result.Succeeded.Count} lykkedes, {result.Refused.Count} afvist, {result.Conflicted.Count} ændret af en anden først.{(refused.Length > 0 ? " " + refused : "")}",
                $"{result.Succeeded.Count} succeeded, {result.Refused.Count} refused, {result.Conflicted.Count} changed by someone else first.{(refused.Length > 0 ? " " + refused : "")}");
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            Error = ex.Message;
            await LoadAsync(ct);
            return Page();
        }

        return RedirectToPage(new { Type, Protocol, Branch, FailureKind, OlderThanHours });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var filter = new MessageQueueFilter
        {
            Type = NotificationType.TryParse(Type, out var type) ? type : null,
            Protocol = Domain.Protocol.TryParse(Protocol, out var protocol) ? protocol : null,
            Branch = string.IsNullOrEmpty(Branch) ? null : Branch,
            FailureKind = Enum.TryParse<MessageFailureKind>(FailureKind, out var kind) ? kind : null,
            CreatedAtOrBefore = OlderThanHours is > 0 ? clock.GetUtcNow().AddHours(-OlderThanHours.Value) : null,
        };
        Rows = await queue.ListAsync(filter, new PageRequest(PageSize, string.IsNullOrEmpty(Continuation) ? null : Continuation), Ui.Culture, ct);
        Count = await queue.CountAsync(ct);
    }
}
