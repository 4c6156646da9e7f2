using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cicero.Notifications.Samples.Web.Pages.Borrowers;

/// <summary>
/// The borrower page: the Messages tab (Besked) from <see cref="IBorrowerMessages"/> and the contact details from
/// <see cref="IBorrowerProfiles"/>, plus a form that sends a notice the way the library system would.
/// </summary>
public sealed class DetailModel(IBorrowerMessages messages, IBorrowerProfiles profiles, INotifier notifier) : PageModel
{
    /// <summary>The page size of the Messages tab.</summary>
    public const int PageSize = 10;

    /// <summary>Gets the borrower id.</summary>
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    /// <summary>Gets the tab: <c>messages</c> or <c>contact</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string Tab { get; set; } = "messages";

    /// <summary>Gets the status filter (a <see cref="MessageStatus"/> name), or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Gets the continuation of the page shown.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Continuation { get; set; }

    /// <summary>Gets the borrower from the register.</summary>
    public RegisteredBorrower? Borrower { get; private set; }

    /// <summary>Gets the borrower's profile.</summary>
    public BorrowerProfileView? Profile { get; private set; }

    /// <summary>Gets the page of messages.</summary>
    public MessageRowPage? Messages { get; private set; }

    /// <summary>Gets an error to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Sends a notice of the chosen type (what the library system does when a reservation is ready, …).</summary>
    public Task<IActionResult> OnPostNotifyAsync(string type, CancellationToken ct) => ActAsync(async id =>
    {
        var notificationType = NotificationType.Parse(type);
        var created = await notifier.NotifyAsync(new Notification(id, notificationType) { Data = SampleSetup.DataFor(notificationType, Borrower!.Name) }, ct);
        return Ui.T($"Beskeden er oprettet: {created.Count} besked(er).", $"The notice was created: {created.Count} message(s).");
    }, "messages", ct);

    /// <summary>Adds an e-mail address by hand (a verification mail goes out).</summary>
    public Task<IActionResult> OnPostAddEmailAsync(string email, string purpose, CancellationToken ct) => ActAsync(async id =>
    {
        var result = await profiles.AddEmailAsync(id, email ?? "", ParsePurpose(purpose), ContactSource.Manual, ct);
        return result.VerificationSent
            ? Ui.T("E-mailadressen er tilføjet. En bekræftelsesmail sendes ved næste afsendelse.", "The e-mail address was added. A verification mail goes out with the next dispatch.")
            : Ui.T("E-mailadressen er tilføjet.", "The e-mail address was added.");
    }, "contact", ct);

    /// <summary>Adds a phone number by hand.</summary>
    public Task<IActionResult> OnPostAddPhoneAsync(string phone, string purpose, CancellationToken ct) => ActAsync(async id =>
    {
        await profiles.AddPhoneAsync(id, phone ?? "", ParsePurpose(purpose), ContactSource.Manual, ct);
        return Ui.T("Telefonnummeret er tilføjet.", "The phone number was added.");
    }, "contact", ct);

    /// <summary>Removes a contact point.</summary>
    public Task<IActionResult> OnPostRemoveAsync(string kind, string value, CancellationToken ct) => ActAsync(async id =>
    {
        if (kind == nameof(ContactKind.Email))
        {
            await profiles.RemoveEmailAsync(id, value, ct);
        }
        else
        {
            await profiles.RemovePhoneAsync(id, value, ct);
        }

        return Ui.T("Kontaktoplysningen er fjernet.", "The contact detail was removed.");
    }, "contact", ct);

    /// <summary>Sends the verification mail again (new link; the old one stops working).</summary>
    public Task<IActionResult> OnPostResendAsync(string value, CancellationToken ct) => ActAsync(async id =>
    {
        await profiles.ResendVerificationAsync(id, value, ct);
        return Ui.T("En ny bekræftelsesmail sendes ved næste afsendelse.", "A new verification mail goes out with the next dispatch.");
    }, "contact", ct);

    /// <summary>Sets the CPR number.</summary>
    public Task<IActionResult> OnPostCprAsync(string cpr, CancellationToken ct) => ActAsync(async id =>
    {
        await profiles.SetCprAsync(id, cpr ?? "", ct);
        return Ui.T("CPR-nummeret er gemt.", "The CPR number was saved.");
    }, "contact", ct);

    /// <summary>Removes the CPR or CVR number (Digital Post goes off with it).</summary>
    public Task<IActionResult> OnPostRemoveIdentifierAsync(CancellationToken ct) => ActAsync(async id =>
    {
        await profiles.RemoveIdentifierAsync(id, ct);
        return Ui.T("CPR/CVR-nummeret er fjernet.", "The CPR/CVR number was removed.");
    }, "contact", ct);

    /// <summary>Switches a protocol (Digital Post or a user-defined one) on or off.</summary>
    public Task<IActionResult> OnPostOptAsync(string protocol, bool on, CancellationToken ct) => ActAsync(async id =>
    {
        if (on)
        {
            await profiles.OptInAsync(id, protocol, ct);
        }
        else
        {
            await profiles.OptOutAsync(id, protocol, ct);
        }

        return on ? Ui.T("Slået til.", "Switched on.") : Ui.T("Slået fra.", "Switched off.");
    }, "contact", ct);

    /// <summary>Sets the preferred language.</summary>
    public Task<IActionResult> OnPostLanguageAsync(string? language, CancellationToken ct) => ActAsync(async id =>
    {
        await profiles.SetPreferredCultureAsync(id, string.IsNullOrEmpty(language) ? null : language, ct);
        return Ui.T("Sproget er gemt.", "The language was saved.");
    }, "contact", ct);

    private async Task<IActionResult> ActAsync(Func<BorrowerId, Task<string>> action, string tab, CancellationToken ct)
    {
        Tab = tab;
        if (!BorrowerId.TryParse(Id, out var id) || BorrowerRegister.Find(id) is not { } borrower)
        {
            return NotFound();
        }

        Borrower = borrower;
        try
        {
            TempData["Notice"] = await action(id);
            return RedirectToPage(new { id = Id, tab });
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or CiceroNotificationsException)
        {
            // The library's messages say what is wrong without repeating the input.
            Error = ex.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!BorrowerId.TryParse(Id, out var id) || BorrowerRegister.Find(id) is not { } borrower)
        {
            return false;
        }

        Borrower = borrower;
        Profile = await profiles.GetAsync(id, ct);
        MessageStatus? status = Enum.TryParse<MessageStatus>(Status, out var s) ? s : null;
        Messages = await messages.ListAsync(id, new PageRequest(PageSize, string.IsNullOrEmpty(Continuation) ? null : Continuation), status, Ui.Culture, cancellationToken: ct);
        return true;
    }

    private static ContactPurpose ParsePurpose(string? purpose) => purpose == nameof(ContactPurpose.Other) ? ContactPurpose.Other : ContactPurpose.Notification;
}
