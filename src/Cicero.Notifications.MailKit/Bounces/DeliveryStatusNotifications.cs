using Cicero.Notifications.Domain;
using MimeKit;
using MimeKit.Utils;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Reads e-mail bounces: turns an RFC 3464 delivery status notification (DSN) into <see cref="DeliveryReceipt"/>s
/// matched by the original mail's <c>Message-Id</c>, the provider message id the SMTP channel records. Apply them with
/// <see cref="IDeliveryReceipts"/> (or <see cref="DeliveryReceiptsBounceExtensions.ApplyBounceAsync"/>). Thread-safe: the
/// methods keep no state.
/// </summary>
/// <remarks>
/// <para>
/// What is read: a mail whose body is, or contains (directly or in nested multiparts, for example a
/// <c>multipart/mixed</c> that a gateway wrapped around the report), a <c>message/delivery-status</c> or
/// <c>message/global-delivery-status</c> part — normally <c>multipart/report; report-type=delivery-status</c>. Anything
/// else (an ordinary reply, an out-of-office notice, a plain-text bounce without a delivery-status part, a complaint
/// feedback report) gives no receipts, as does a DSN whose original message id cannot be found or that cannot be parsed.
/// Nothing here throws for what a mailbox may contain.
/// </para>
/// <para>
/// The original message id is, in this order: the <c>Message-Id</c> of the returned message (the report's
/// <c>message/rfc822</c> or <c>text/rfc822-headers</c> part), the DSN's <c>Original-Envelope-Id</c>, the report's
/// <c>In-Reply-To</c>, the last of its <c>References</c>. It is written without angle brackets, as the channel writes it.
/// </para>
/// <para>
/// One receipt per recipient block, by its <c>Action</c>: <c>failed</c> → <see cref="DeliveryReceiptOutcome.FailedPermanently"/>
/// with the reason "<c>Status</c> <c>Diagnostic-Code</c>" (for example <c>5.1.1 smtp; 550 5.1.1 User unknown</c>), every
/// e-mail address in it and the recipient's own mailbox name replaced by <c>[address]</c>; <c>delayed</c> →
/// <see cref="DeliveryReceiptOutcome.FailedTransiently"/> (changes nothing); <c>delivered</c> and <c>expanded</c> (delivered
/// to the address, which forwards it) → <see cref="DeliveryReceiptOutcome.Delivered"/>. <c>relayed</c> gives no receipt:
/// it says only that a further system, which reports nothing, accepted the mail — which <c>Sent</c> already says. A block
/// without a known action is skipped.
/// </para>
/// <para>
/// The receipt's time is the block's <c>Last-Attempt-Date</c>, else the report's <c>Date</c>, else the DSN's
/// <c>Arrival-Date</c>, else the caller's <c>receivedAt</c>; never later than <c>receivedAt</c> (a sender's clock ahead
/// of ours would otherwise make every later receipt look older).
/// </para>
/// </remarks>
public static class DeliveryStatusNotifications
{
    /// <summary>Reads the delivery receipts of a bounce.</summary>
    /// <param name="bounce">A mail from the bounce mailbox.</param>
    /// <param name="receivedAt">
    /// When the bounce was received (for example the IMAP arrival time or <see cref="TimeProvider.GetUtcNow"/>): the
    /// receipts' time when the report has none, and the latest time a receipt can have.
    /// </param>
    /// <param name="protocol">The protocol whose channel sent the mail; <see cref="Protocol.Email"/> when <see langword="null"/> (pass a user-defined e-mail protocol here).</param>
    /// <returns>One receipt per recipient of the report; none when the mail is not a DSN or names no original message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bounce"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<DeliveryReceipt> ReadReceipts(MimeMessage bounce, DateTimeOffset receivedAt, Protocol? protocol = null)
    {
        ArgumentNullException.ThrowIfNull(bounce);
        if (FindReport(bounce.Body) is not var (report, status))
        {
            return [];
        }

        List<HeaderList> groups;
        try
        {
            groups = [.. status.StatusGroups];
        }
        catch (FormatException)
        {
            return []; // MimeKit's ParseException: the delivery-status part is not a list of fields.
        }

        if (groups.Count < 2 || OriginalMessageId(bounce, report, groups[0]) is not { } messageId)
        {
            return [];
        }

        var reportedAt = FirstDate(bounce.Headers[HeaderId.Date], groups[0]["Arrival-Date"]) ?? receivedAt;
        var receipts = new List<DeliveryReceipt>(groups.Count - 1);
        foreach (var recipient in groups.Skip(1))
        {
            if (OutcomeOf(recipient["Action"]) is not { } outcome)
            {
                continue;
            }

            var at = FirstDate(recipient["Last-Attempt-Date"]) ?? reportedAt;
            var reason = outcome == DeliveryReceiptOutcome.Delivered ? null : BounceReason.Of(recipient);
            receipts.Add(new DeliveryReceipt(protocol ?? Protocol.Email, messageId, outcome, at > receivedAt ? receivedAt : at, reason));
        }

        return receipts;
    }

    /// <summary>
    /// Reads the delivery receipts of a bounce given as raw MIME (RFC 5322), as a webhook receives it. Reads the stream
    /// asynchronously to its end and does not close it.
    /// </summary>
    /// <param name="mime">The raw mail.</param>
    /// <param name="receivedAt">When the bounce was received: the receipts' time when the report has none, and the latest time a receipt can have.</param>
    /// <param name="protocol">The protocol whose channel sent the mail; <see cref="Protocol.Email"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>One receipt per recipient of the report; none when the stream is not a mail, the mail is not a DSN, or it names no original message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mime"/> is <see langword="null"/>.</exception>
    public static async Task<IReadOnlyList<DeliveryReceipt>> ReadReceiptsAsync(Stream mime, DateTimeOffset receivedAt, Protocol? protocol = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mime);
        MimeMessage bounce;
        try
        {
            bounce = await MimeMessage.LoadAsync(mime, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            return []; // Not a mail at all.
        }

        using (bounce)
        {
            return ReadReceipts(bounce, receivedAt, protocol);
        }
    }

    /// <summary>Finds the delivery-status part and the multipart holding it, without looking inside attached messages.</summary>
    private static (Multipart Report, MessageDeliveryStatus Status)? FindReport(MimeEntity? entity)
    {
        if (entity is not Multipart multipart)
        {
            return null;
        }

        if (multipart.OfType<MessageDeliveryStatus>().FirstOrDefault() is { } status)
        {
            return (multipart, status);
        }

        foreach (var child in multipart.OfType<Multipart>())
        {
            if (FindReport(child) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? OriginalMessageId(MimeMessage bounce, Multipart report, HeaderList perMessage)
    {
        // text/rfc822-headers is a MessagePart in MimeKit 4: its Message holds the returned headers.
        var returned = report.OfType<MessagePart>().Select(p => p.Message).FirstOrDefault(m => m is not null);
        string?[] candidates =
        [
            returned?.Headers[HeaderId.MessageId],
            perMessage["Original-Envelope-Id"],
            bounce.Headers[HeaderId.InReplyTo],
            bounce.References.LastOrDefault(),
        ];
        return candidates.Select(Normalize).FirstOrDefault(id => id is not null);
    }

    /// <summary>
    /// Writes a message id as <c>MimeMessageFactory.MessageIdOf</c> does: without angle brackets, comments or folding
    /// white space. Returns <see langword="null"/> for a value no receipt could carry.
    /// </summary>
    internal static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var id = MimeUtils.ParseMessageId(value) ?? value;
        id = id.Trim().TrimStart('<').TrimEnd('>').Trim();
        return id.Length is 0 or > DeliveryReceipt.MaxProviderMessageIdLength || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>')
            ? null
            : id;
    }

    private static DeliveryReceiptOutcome? OutcomeOf(string? action)
    {
        // action-value = "failed" / "delayed" / "delivered" / "relayed" / "expanded", case-insensitive; a comment may follow.
        var word = action?.Trim().Split([' ', '\t', '('], 2)[0];
        return word?.ToUpperInvariant() switch
        {
            "FAILED" => DeliveryReceiptOutcome.FailedPermanently,
            "DELAYED" => DeliveryReceiptOutcome.FailedTransiently,
            "DELIVERED" or "EXPANDED" => DeliveryReceiptOutcome.Delivered,
            _ => null, // "relayed", or not an action.
        };
    }

    private static DateTimeOffset? FirstDate(params string?[] values)
    {
        foreach (var value in values)
        {
            if (value is not null && DateUtils.TryParse(value, out var date))
            {
                return date.ToUniversalTime();
            }
        }

        return null;
    }
}
