namespace Cicero.Notifications.AspNetCore;

/// <summary>
/// The e-mail verification page served by <c>MapEmailVerification</c>: the host's own layouts, by culture. Plain settable
/// properties, bindable from configuration.
/// </summary>
/// <remarks>
/// <para>A layout is a Scriban template for the whole HTML page, rendered sandboxed (no <c>include</c>, no
/// <c>object.eval</c>, no clock, strict variables, loop and output limits). Every value is HTML-encoded as it is written,
/// so a value can never add markup; the layout's own markup is written as is. The page is sent with a strict
/// Content-Security-Policy: no scripts, no external resources; styles only in <c>&lt;style nonce="{{ csp_nonce }}"&gt;</c>,
/// images only as <c>data:</c> URIs. The variables are:</para>
/// <list type="table">
/// <item><term><c>state</c></term><description>What the page shows: <c>confirm</c> (a working link, before the click: show the
/// form), <c>verified</c>, <c>already_verified</c>, <c>expired</c>, <c>unknown</c> (the last two: ask the library for a new
/// link), or <c>refused</c> (a POST without a valid antiforgery token, for example from a page left open too long or from
/// another site: open the link in the e-mail again).</description></item>
/// <item><term><c>library_name</c></term><description>The library's name (<see cref="CiceroNotificationsOptions.LibraryName"/>).</description></item>
/// <item><term><c>culture</c></term><description>The culture name the page is rendered in (for <c>&lt;html lang&gt;</c>).</description></item>
/// <item><term><c>form_action</c></term><description>Where the form posts to: the page itself, without the query string.</description></item>
/// <item><term><c>form_fields</c></term><description>The form's hidden fields (the token, the culture and the antiforgery
/// token), written as markup; empty unless <c>state</c> is <c>confirm</c>. A form must contain it, post to
/// <c>form_action</c> with <c>method="post"</c>, and have one submit button.</description></item>
/// <item><term><c>csp_nonce</c></term><description>The nonce the Content-Security-Policy allows for <c>&lt;style&gt;</c> elements.</description></item>
/// </list>
/// </remarks>
public class EmailVerificationPageOptions
{
    /// <summary>
    /// Gets the host's page layouts by culture name (<c>da-DK</c>, <c>da</c>, <c>en</c>, …). A culture falls back to its
    /// neutral culture, then to the shipped layout: English for English cultures, else Danish. Each layout is parsed and
    /// rendered with sample data for every state at start-up, so a broken one fails the start.
    /// </summary>
    /// <value>The default value is empty: the shipped Danish and English layouts.</value>
    public IDictionary<string, string> Layouts { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
