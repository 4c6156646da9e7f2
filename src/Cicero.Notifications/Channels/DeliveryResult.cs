namespace Cicero.Notifications;

/// <summary>What a channel reports for one message.</summary>
/// <remarks>Reasons are shown to staff and logged: never put addresses, CPR numbers or message content in them.</remarks>
public sealed class DeliveryResult
{
    private static readonly DeliveryResult DeliveredWithoutId = new(DeliveryOutcome.Delivered, null, null, null);

    private DeliveryResult(DeliveryOutcome outcome, string? providerMessageId, string? reason, TimeSpan? retryAfter)
    {
        Outcome = outcome;
        ProviderMessageId = providerMessageId;
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the kind of result.</summary>
    public DeliveryOutcome Outcome { get; }

    /// <summary>Gets the provider's id for a delivered message, if it gave one.</summary>
    public string? ProviderMessageId { get; }

    /// <summary>Gets why the delivery failed; <see langword="null"/> when delivered.</summary>
    public string? Reason { get; }

    /// <summary>
    /// Gets how long the provider asked us to wait (for example HTTP <c>Retry-After</c>), for transient failures and an
    /// unavailable channel.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The provider accepted the message.</summary>
    /// <param name="providerMessageId">The provider's id for it, if any.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult Delivered(string? providerMessageId = null)
        => providerMessageId is null ? DeliveredWithoutId : new(DeliveryOutcome.Delivered, providerMessageId, null, null);

    /// <summary>The provider failed for now; the dispatcher retries with backoff.</summary>
    /// <param name="reason">Why, without personal data (for example "SMTP 451" or "HTTP 503").</param>
    /// <param name="retryAfter">How long the provider asked us to wait, if it said.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult TransientFailure(string reason, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (retryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retryAfter), retryAfter, "Retry-after cannot be negative.");
        }

        return new(DeliveryOutcome.TransientFailure, null, reason, retryAfter);
    }

    /// <summary>The provider refused the message for good (for example an unknown mailbox or an invalid number).</summary>
    /// <param name="reason">Why, without personal data (for example "SMTP 550 mailbox unavailable").</param>
    /// <returns>The result.</returns>
    public static DeliveryResult PermanentFailure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(DeliveryOutcome.PermanentFailure, null, reason, null);
    }

    /// <summary>
    /// The channel, not the message, is the problem — a rejected API key, a wrong URL, refused credentials, a refused
    /// connection, a provider that throttles the whole account: every message would fail the same way. The message goes
    /// back to Pending without spending an attempt, and the dispatcher stops sending on this protocol until a probe, after
    /// a pause, succeeds (see <see cref="DispatchOptions.Circuit"/>).
    /// </summary>
    /// <param name="reason">Why, without personal data (for example "HTTP 401: unauthorized; check the API key").</param>
    /// <param name="retryAfter">How long the provider asked us to wait, if it said; the pause lasts at least this long.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult ChannelUnavailable(string reason, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (retryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retryAfter), retryAfter, "Retry-after cannot be negative.");
        }

        return new(DeliveryOutcome.ChannelUnavailable, null, reason, retryAfter);
    }

    /// <summary>Returns the outcome and reason.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => Reason is null ? Outcome.ToString() : $"{Outcome}: {Reason}";
}
