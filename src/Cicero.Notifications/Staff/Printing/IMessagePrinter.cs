using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// Prints one message: the library's name, the message's type, protocol and status, its send time and last
/// change in the library's time zone, the recipient (CPR numbers masked), subject and body. An anonymized message prints
/// its metadata and a line saying its content was anonymized. Printing never changes the message. Thread-safe.
/// </summary>
/// <remarks>The layout is a Scriban template: shipped in Danish and English, overridable in <see cref="PrintOptions"/>.</remarks>
public interface IMessagePrinter
{
    /// <summary>Prints a stored message.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="culture">The culture to print in; <see langword="null"/> for the message's own culture (the borrower's language).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The printed message, or <see langword="null"/> when there is no such message.</returns>
    /// <exception cref="InvalidOperationException">The print layout failed (the message names the layout and the position, never message data).</exception>
    Task<PrintedMessage?> PrintAsync(MessageId messageId, CultureInfo? culture = null, CancellationToken cancellationToken = default);

    /// <summary>Prints a message the caller already holds.</summary>
    /// <param name="message">The message.</param>
    /// <param name="culture">The culture to print in; <see langword="null"/> for the message's own culture (the borrower's language).</param>
    /// <returns>The printed message.</returns>
    /// <exception cref="InvalidOperationException">The print layout failed (the message names the layout and the position, never message data).</exception>
    PrintedMessage Print(Message message, CultureInfo? culture = null);
}
