using System.Globalization;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cicero.Notifications.Samples.Web.Pages;

/// <summary>
/// The sample outbox — what the fake channels "sent" — and the sample's controls: send due messages now, advance the
/// clock, run the nightly jobs now. A real host runs <c>AddBackgroundProcessing()</c> instead of these buttons.
/// </summary>
public sealed class OutboxModel(SampleOutbox outbox, DemoData demo, SampleClock clock, INightlyJobs nightly) : PageModel
{
    /// <summary>Gets what the channels got, newest first.</summary>
    public IReadOnlyList<OutboxEntry> Entries { get; private set; } = [];

    /// <summary>Shows the outbox.</summary>
    public void OnGet() => Entries = outbox.Newest();

    /// <summary>Dispatches the due messages (<see cref="IMessageDispatcher.DispatchDueAsync"/>).</summary>
    public async Task<IActionResult> OnPostDispatchAsync(CancellationToken ct)
    {
        var result = await demo.DispatchAllAsync(ct);
        TempData["Notice"] = Ui.T(
            $"Afsendelse: {result.Delivered} sendt, {result.Failed} fejlet, {result.Retrying} prøves igen.",
            $"Dispatch: {result.Delivered} sent, {result.Failed} failed, {result.Retrying} retrying.");
        return RedirectToPage();
    }

    /// <summary>Moves the sample clock forward.</summary>
    public IActionResult OnPostAdvance(int days, int hours)
    {
        var by = TimeSpan.FromDays(Math.Clamp(days, 0, 400)) + TimeSpan.FromHours(Math.Clamp(hours, 0, 48));
        clock.Advance(by);
        TempData["Notice"] = Ui.T($"Uret er stillet frem til {clock.Local(clock.GetUtcNow())}.", $"The clock was moved forward to {clock.Local(clock.GetUtcNow())}.");
        return RedirectToPage();
    }

    /// <summary>Runs the nightly jobs now (<see cref="INightlyJobs.RunAsync"/>).</summary>
    public async Task<IActionResult> OnPostNightlyAsync(CancellationToken ct)
    {
        var r = await nightly.RunAsync(ct);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        TempData["Notice"] = Ui.T(
            $"Natlige job: {N(r.MessagesAnonymized)} beskeder anonymiseret, {N(r.EmailAddressesDeleted)} ubekræftede e-mailadresser slettet, {N(r.HeldMessagesRerouted)} ventende beskeder sendt med alternativ protokol, {N(r.HeldMessagesMissingContactInfo)} mangler nu kontaktoplysninger.",
            $"Nightly jobs: {N(r.MessagesAnonymized)} messages anonymized, {N(r.EmailAddressesDeleted)} unverified e-mail addresses deleted, {N(r.HeldMessagesRerouted)} held messages moved to the alternative protocol, {N(r.HeldMessagesMissingContactInfo)} now missing contact info.");
        return RedirectToPage();
    }
}
