using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Staff;

/// <summary>Reads a borrower's messages from the store and shows them as rows. Never writes.</summary>
internal sealed class BorrowerMessageReader(IMessageStore store, StaffView view) : IBorrowerMessages
{
    public async Task<MessageRowPage> ListAsync(BorrowerId borrowerId, PageRequest page, MessageStatus? status = null, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        ArgumentNullException.ThrowIfNull(page);
        var staffCulture = view.StaffCulture(culture);
        var found = await store.ListByBorrowerAsync(borrowerId, status, page, cancellationToken).ConfigureAwait(false);
        return new MessageRowPage([.. found.Items.Select(m => view.Row(m, staffCulture))], found.Continuation);
    }

    public async Task<MessageRow?> GetAsync(MessageId messageId, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        var message = await store.GetAsync(messageId, cancellationToken).ConfigureAwait(false);
        return message is null ? null : view.Row(message, view.StaffCulture(culture));
    }
}
