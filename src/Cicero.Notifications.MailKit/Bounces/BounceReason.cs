using System.Text.RegularExpressions;
using MimeKit;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// The reason of a failed or delayed recipient in a DSN: its <c>Status</c> and <c>Diagnostic-Code</c> with every e-mail
/// address replaced by <see cref="AddressMark"/>. Servers echo the recipient in their replies
/// (<c>550 5.1.1 &lt;hans@example.dk&gt;: Recipient address rejected</c>, <c>User hans unknown</c>); a reason is shown to
/// staff and kept after the message is anonymized, so it must not name the borrower.
/// </summary>
internal static partial class BounceReason
{
    /// <summary>What replaces an e-mail address (or the recipient's mailbox name) in a reason.</summary>
    public const string AddressMark = "[address]";

    /// <summary>A mailbox name shorter than this is not removed on its own: it would cut ordinary words.</summary>
    private const int ShortestMailboxNameRemoved = 3;

    public static string? Of(HeaderList recipient)
    {
        var text = string.Join(' ', new[] { recipient["Status"], recipient["Diagnostic-Code"] }.Where(v => !string.IsNullOrWhiteSpace(v)));
        if (text.Length == 0)
        {
            return null;
        }

        text = Address().Replace(text, AddressMark);
        foreach (var mailbox in MailboxNamesOf(recipient))
        {
            text = Regex.Replace(text, $@"(?<![\w.+-]){Regex.Escape(mailbox)}(?![\w+-]|\.\w)", AddressMark, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return WhiteSpace().Replace(text, " ").Trim();
    }

    /// <summary>The local parts of the block's recipient fields (<c>Final-Recipient: rfc822; hans@example.dk</c> → <c>hans</c>).</summary>
    private static IEnumerable<string> MailboxNamesOf(HeaderList recipient)
        => new[] { recipient["Final-Recipient"], recipient["Original-Recipient"], recipient["X-Actual-Recipient"] }
            .Select(v => v?[(v.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim().Trim('<', '>'))
            .Select(a => a is null || a.LastIndexOf('@') is var at && at < 0 ? null : a[..at])
            .OfType<string>()
            .Where(m => m.Length >= ShortestMailboxNameRemoved)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>An address (<c>local@domain</c>), with the angle brackets around it when it has them.</summary>
    [GeneratedRegex(@"<?[^\s<>()\[\]"",;:@]+@[^\s<>()\[\]"",;:@]+>?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Address();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WhiteSpace();
}
