using System.Text;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// A provider's report of what became of a message it accepted: the protocol, the provider's message id (the id the
/// channel returned in <see cref="DeliveryResult"/>), the outcome and the provider's time. Apply it with
/// <see cref="IDeliveryReceipts"/>.
/// </summary>
public sealed record DeliveryReceipt
{
    /// <summary>The longest provider message id accepted, in characters.</summary>
    public const int MaxProviderMessageIdLength = 256;

    /// <summary>The longest reason kept, in characters; a longer one is cut.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Creates a receipt, checking it.</summary>
    /// <param name="protocol">The protocol whose channel sent the message.</param>
    /// <param name="providerMessageId">The provider's id of the message.</param>
    /// <param name="outcome">What the provider reported.</param>
    /// <param name="reportedAt">The provider's time of the report.</param>
    /// <param name="reason">The provider's reason, for a failure (line breaks and control characters become spaces).</param>
    /// <exception cref="ArgumentException">The id is empty, too long or has control characters, or the outcome is unknown.</exception>
    public DeliveryReceipt(Protocol protocol, string providerMessageId, DeliveryReceiptOutcome outcome, DateTimeOffset reportedAt, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (string.IsNullOrWhiteSpace(providerMessageId))
        {
            throw new ArgumentException("The receipt has no provider message id.", nameof(providerMessageId));
        }

        if (providerMessageId.Length > MaxProviderMessageIdLength || providerMessageId.Any(char.IsControl))
        {
            throw new ArgumentException($"The receipt's provider message id must be at most {MaxProviderMessageIdLength} characters without control characters.", nameof(providerMessageId));
        }

        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentException($"'{(int)outcome}' is not a receipt outcome: use Delivered, FailedPermanently or FailedTransiently.", nameof(outcome));
        }

        Protocol = protocol;
        ProviderMessageId = providerMessageId;
        Outcome = outcome;
        ReportedAt = reportedAt.ToUniversalTime();
        Reason = Clean(reason);
    }

    /// <summary>Gets the protocol whose channel sent the message.</summary>
    public Protocol Protocol { get; }

    /// <summary>Gets the provider's id of the message.</summary>
    public string ProviderMessageId { get; }

    /// <summary>Gets what the provider reported.</summary>
    public DeliveryReceiptOutcome Outcome { get; }

    /// <summary>Gets the provider's time of the report (UTC).</summary>
    public DateTimeOffset ReportedAt { get; }

    /// <summary>Gets the provider's reason for a failure, if it gave one. It may name the borrower: it is never logged.</summary>
    public string? Reason { get; }

    /// <inheritdoc/>
    public override string ToString() => $"DeliveryReceipt ({Protocol}, {Outcome})";

    private static string? Clean(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        var text = new StringBuilder(Math.Min(reason.Length, MaxReasonLength));
        foreach (var c in reason.AsSpan().Trim())
        {
            if (text.Length == MaxReasonLength)
            {
                break;
            }

            text.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.ToString();
    }
}
