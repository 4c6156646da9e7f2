using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Samples.Web.Pages;

/// <summary>
/// Breve: staff print every waiting letter in one run (<see cref="ILetterRuns.CollectAsync"/>), then open the run's
/// document for the browser's print dialog or download its list; the recent runs are listed so one can be opened again
/// (a jammed printer).
/// </summary>
public sealed class LettersModel(ILetterRuns runs, IOptions<CiceroNotificationsOptions> options) : PageModel
{
    /// <summary>Gets the run just made or asked for, if any.</summary>
    public LetterRun? Run { get; private set; }

    /// <summary>Gets the library's setup (its branches, for the print form).</summary>
    public CiceroNotificationsOptions Options => options.Value;

    /// <summary>Gets the kept runs, newest first, to open one again.</summary>
    public IReadOnlyList<LetterRunSummary> Recent { get; private set; } = [];

    /// <summary>Shows the page, and the run <paramref name="run"/> when given.</summary>
    public async Task<IActionResult> OnGetAsync(Guid? run, CancellationToken ct)
    {
        if (run is { } id)
        {
            Run = await runs.ReprintAsync(id, ct);
            if (Run is null)
            {
                return NotFound();
            }
        }

        Recent = await runs.ListAsync(10, Ui.Culture, ct);
        return Page();
    }

    /// <summary>
    /// Prints every waiting letter (of <paramref name="branch"/> when one is chosen) in one run; every letter becomes Sent,
    /// with the signed-in staff member in its history.
    /// </summary>
    public async Task<IActionResult> OnPostCollectAsync(string? branch, CancellationToken ct)
    {
        var run = await runs.CollectAsync(SampleSetup.Print, Program.StaffId(User), string.IsNullOrEmpty(branch) ? null : branch, Ui.Culture, ct);
        TempData["Notice"] = run.MessageIds.Count == 0
            ? Ui.T("Ingen breve ventede.", "No letters were waiting.")
            : Ui.T($"{run.MessageIds.Count} breve er udskrevet og markeret som sendt.", $"{run.MessageIds.Count} letters were printed and marked as sent.");
        return run.MessageIds.Count == 0 ? RedirectToPage() : RedirectToPage(new { run = run.Id });
    }

    /// <summary>Serves a run's document (HTML, one letter per A4 page) with a policy that loads nothing.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid run, CancellationToken ct)
    {
        if (await runs.ReprintAsync(run, ct) is not { } letters)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        Response.Headers.CacheControl = "no-store";
        return Content(letters.Html, "text/html; charset=utf-8");
    }

    /// <summary>Serves a run's list of letters as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid run, CancellationToken ct)
    {
        if (await runs.ReprintAsync(run, ct) is not { } letters)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(System.Text.Encoding.UTF8.GetBytes(letters.Csv), "text/csv; charset=utf-8", $"breve-{run}.csv");
    }
}
