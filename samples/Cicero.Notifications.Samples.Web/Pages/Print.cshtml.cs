using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cicero.Notifications.Samples.Web.Pages;

/// <summary>The printable message: the library's print HTML (<see cref="IMessagePrinter"/>) as it is, for the browser's print dialog.</summary>
public sealed class PrintModel(IMessagePrinter printer) : PageModel
{
    /// <summary>Serves the print HTML, with a policy that loads nothing.</summary>
    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (!MessageId.TryParse(id, out var messageId) || await printer.PrintAsync(messageId, Ui.Culture, ct) is not { } printed)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        Response.Headers.CacheControl = "no-store";
        return Content(printed.Html, "text/html; charset=utf-8");
    }
}
