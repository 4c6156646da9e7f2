using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications;

/// <summary>
/// The borrower's Messages tab: every message to one borrower, newest first, with what became of it. Read-only:
/// listing never changes a message (not even <see cref="Message.ChangedAt"/>). Thread-safe.
/// </summary>
/// <remarks>
/// MissingContactInfo messages are listed here but not in the message queue; staff act on them — and on any other
/// message — through <see cref="IMessageQueue"/>. Print one with <see cref="IMessagePrinter"/>.
/// </remarks>
public interface IBorrowerMessages
{
    /// <summary>Lists a borrower's messages, newest first (by creation time), one page at a time.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="page">The page size and the previous page's continuation.</param>
    /// <param name="status">Only messages with this status, or <see langword="null"/> for all.</param>
    /// <param name="culture">The culture of the display names (English for an English culture, else Danish); <see langword="null"/> for the library's default culture.</param>
    /// <param name="branch">
    /// Only messages of the branch with this code (case-insensitive), or <see langword="null"/> for all. With a branch, a
    /// page may hold fewer rows than its size while more follow: go on while the continuation is not null.
    /// </param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A page of rows; empty for a borrower without messages.</returns>
    /// <exception cref="ArgumentException">The continuation was not issued by the store.</exception>
    Task<MessageRowPage> ListAsync(BorrowerId borrowerId, PageRequest page, MessageStatus? status = null, CultureInfo? culture = null, string? branch = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one message as a row, with its history.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="culture">The culture of the display names; <see langword="null"/> for the library's default culture.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The row, or <see langword="null"/> when there is no such message.</returns>
    Task<MessageRow?> GetAsync(MessageId messageId, CultureInfo? culture = null, CancellationToken cancellationToken = default);
}
