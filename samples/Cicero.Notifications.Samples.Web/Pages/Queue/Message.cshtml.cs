using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Samples.Web.Pages.Queue;

/// <summary>
/// One message and the staff actions on it. Each action is sent with the version the page showed
/// (<see cref="MessageRow.Version"/> as <c>expectedVersion</c>): when someone else acted first, the page says so and
/// shows the message as it is now.
/// </summary>
public sealed class MessageModel(IBorrowerMessages messages, IMessageQueue queue, IOptions<CiceroNotificationsOptions> options) : PageModel
{
    /// <summary>Gets the message id.</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>Gets the message.</summary>
    public MessageRow? Row { get; private set; }

    /// <summary>Gets an error to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets a value indicating whether the error is a conflict (someone else acted first).</summary>
    public bool Conflict { get; private set; }

    /// <summary>Gets the library's options (the server setup).</summary>
    public CiceroNotificationsOptions Options => options.Value;

    /// <summary>Gets the protocols a message can be sent on instead.</summary>
    public IReadOnlyList<Protocol> Protocols => [.. Protocol.BuiltIn, .. options.Value.UserDefinedProtocols.Select(u => Protocol.Parse(u.Name))];

    /// <summary>Shows the message.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>Retries the message.</summary>
    public Task<IActionResult> OnPostRetryAsync(long version, string? note, CancellationToken ct)
        => ActAsync((id, staff) => queue.RetryAsync(id, staff, Note(note), version, ct), Ui.T("Beskeden sendes igen ved næste afsendelse.", "The message is sent again with the next dispatch."), ct);

    /// <summary>Sends the message on another protocol.</summary>
    public Task<IActionResult> OnPostRerouteAsync(long version, string? note, string? toProtocol, CancellationToken ct)
        => ActAsync((id, staff) => queue.RerouteAsync(id, Protocol.Parse(toProtocol ?? ""), staff, Note(note), version, ct), Ui.T("Beskeden sendes med den anden protokol ved næste afsendelse.", "The message goes out on the other protocol with the next dispatch."), ct);

    /// <summary>Marks the message handled (Sent, handled manually).</summary>
    public Task<IActionResult> OnPostHandledAsync(long version, string? note, CancellationToken ct)
        => ActAsync((id, staff) => queue.MarkHandledAsync(id, staff, Note(note), version, ct), Ui.T("Beskeden er markeret som håndteret.", "The message was marked handled."), ct);

    /// <summary>Dismisses the message (leaves the queue, stays Failed).</summary>
    public Task<IActionResult> OnPostDismissAsync(long version, string? note, CancellationToken ct)
        => ActAsync((id, staff) => queue.DismissAsync(id, staff, Note(note), version, ct), Ui.T("Beskeden er fjernet fra køen (status Fejlet).", "The message was dismissed and left the queue."), ct);

    private async Task<IActionResult> ActAsync(Func<MessageId, string, Task<Message>> action, string done, CancellationToken ct)
    {
        if (!MessageId.TryParse(Id, out var id))
        {
            return NotFound();
        }

        try
        {
            await action(id, Program.StaffId(User));
            TempData["Notice"] = done;
            return RedirectToPage(new { id = Id });
        }
        catch (MessageConflictException)
        {
            Conflict = true;
            Error = Ui.T(
                "En anden har ændret beskeden, efter du åbnede den. Intet er ændret: se beskeden, som den er nu, og vælg igen.",
                "Someone else changed the message after you opened it. Nothing was changed: see the message as it is now and choose again.");
        }
        catch (MessageActionException ex)
        {
            Error = ex.Message;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            Error = ex.Message;
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!MessageId.TryParse(Id, out var id))
        {
            return false;
        }

        Row = await messages.GetAsync(id, Ui.Culture, ct);
        return Row is not null;
    }

    private static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
