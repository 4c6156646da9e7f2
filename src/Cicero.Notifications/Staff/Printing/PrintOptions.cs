namespace Cicero.Notifications;

/// <summary>
/// How single messages are printed (<see cref="IMessagePrinter"/>): the library's time zone and, optionally, the host's own
/// layouts. Plain settable properties, bindable from configuration (the <c>Print</c> section of the options).
/// </summary>
/// <remarks>
/// <para>A layout is a Scriban template, rendered sandboxed (no <c>include</c>, no <c>object.eval</c>, no clock, strict
/// variables, loop and output limits). In the HTML layout every value is HTML-encoded as it is written, so a value can
/// never add markup; the layout's own markup is written as is. The variables are:</para>
/// <list type="table">
/// <item><term><c>library_name</c></term><description>The library's name (<see cref="CiceroNotificationsOptions.LibraryName"/>).</description></item>
/// <item><term><c>message_id</c>, <c>borrower_id</c>, <c>culture</c></term><description>The message's id, the borrower's id and the culture printed in.</description></item>
/// <item><term><c>type</c>, <c>protocol</c>, <c>status</c></term><description>Display names in the printed culture.</description></item>
/// <item><term><c>handled_manually</c>, <c>dismissed</c>, <c>held</c>, <c>anonymized</c></term><description>The message's flags.</description></item>
/// <item><term><c>created_at</c>, <c>changed_at</c>, <c>printed_at</c></term><description>Times formatted in the printed language, in the library's <see cref="CiceroNotificationsOptions.TimeZone"/>.</description></item>
/// <item><term><c>created_at_local</c>, <c>changed_at_local</c>, <c>printed_at_local</c></term><description>The same times as date values, for <c>date.to_string</c>.</description></item>
/// <item><term><c>time_zone</c></term><description>The time zone id.</description></item>
/// <item><term><c>recipient</c>, <c>subject</c>, <c>body</c></term><description>The address (CPR numbers masked) and the plain-text content; <see langword="null"/> when absent or anonymized.</description></item>
/// <item><term><c>failure</c>, <c>failure_reason</c></term><description>The last failure's kind (display name) and reason, or <see langword="null"/>.</description></item>
/// <item><term><c>letter_run</c></term><description>Whether the message is a letter waiting for the next print run (a collected protocol).</description></item>
/// <item><term><c>branch</c></term><description>The display name of the branch the notification concerns, or <see langword="null"/>.</description></item>
/// <item><term><c>not_before</c></term><description>When a Pending message will go at the earliest (quiet hours, a retry, a paused channel), if later than the print, or <see langword="null"/>.</description></item>
/// <item><term><c>delivered_at</c></term><description>When the provider confirmed delivery (a delivery receipt), formatted like the other times, or <see langword="null"/>.</description></item>
/// </list>
/// </remarks>
public class PrintOptions
{
    /// <summary>
    /// Gets the host's HTML layouts by culture name (<c>da-DK</c>, <c>da</c>, <c>en</c>, …). A culture falls back to its
    /// neutral culture, then to the shipped layout: English for English cultures, else Danish.
    /// </summary>
    /// <value>The default value is empty: the shipped Danish and English layouts (A4 print CSS, self-contained).</value>
    public IDictionary<string, string> HtmlTemplates { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the host's plain-text layouts by culture name, with the same fallback as <see cref="HtmlTemplates"/>.</summary>
    /// <value>The default value is empty: the shipped Danish and English layouts.</value>
    public IDictionary<string, string> TextTemplates { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
