using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Staff;

/// <summary>Reads a borrower's messages from the store and shows them as rows. Never writes.</summary>
internal sealed class BorrowerMessageReader(IMessageStore store, StaffView view) : IBorrowerMessages
{
    public async Task<MessageRowPage> ListAsync(BorrowerId borrowerId, PageRequest page, MessageStatus? status = null, CultureInfo? culture = null, string? branch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        ArgumentNullException.ThrowIfNull(page);
        var staffCulture = view.StaffCulture(culture);
        var found = await store.ListByBorrowerAsync(borrowerId, status, page, cancellationToken).ConfigureAwait(false);
        if (branch is null)
        {
            return new MessageRowPage([.. found.Items.Select(m => view.Row(m, staffCulture))], found.Continuation);
        }

        // A borrower has few messages: the branch is filtered here, a store page at a time, so the continuation stays the
        // store's own. A page holds the matches of the first store page that has any.
        while (true)
        {
            var rows = found.Items.Where(m => string.Equals(m.Branch, branch, StringComparison.OrdinalIgnoreCase)).Select(m => view.Row(m, staffCulture)).ToList();
            if (rows.Count > 0 || found.Continuation is null)
            {
                return new MessageRowPage(rows, found.Continuation);
            }

            found = await store.ListByBorrowerAsync(borrowerId, status, page with { Continuation = found.Continuation }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<MessageRow?> GetAsync(MessageId messageId, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        var message = await store.GetAsync(messageId, cancellationToken).ConfigureAwait(false);
        return message is null ? null : view.Row(message, view.StaffCulture(culture));
    }
}
