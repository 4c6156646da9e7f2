using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>What a channel sends: one message, rendered, with its address.</summary>
/// <remarks><see cref="ToString"/> leaves out the recipient and content (personal data).</remarks>
public sealed record OutgoingMessage
{
    /// <summary>Gets the message id: a stable idempotency key for the provider (the same on every attempt).</summary>
    public required MessageId Id { get; init; }

    /// <summary>Gets the protocol.</summary>
    public required Protocol Protocol { get; init; }

    /// <summary>Gets the notification type.</summary>
    public required NotificationType Type { get; init; }

    /// <summary>Gets the borrower.</summary>
    public required BorrowerId BorrowerId { get; init; }

    /// <summary>Gets the address; <see langword="null"/> for a protocol that needs none.</summary>
    public MessageRecipient? Recipient { get; init; }

    /// <summary>Gets the subject; <see langword="null"/> for SMS.</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the plain-text body.</summary>
    public required string Body { get; init; }

    /// <summary>Gets the HTML body, when the template rendered one.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>Gets the culture the message was rendered in, for example <c>da-DK</c>.</summary>
    public required string Culture { get; init; }

    /// <summary>Gets the 1-based number of this attempt.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Returns the id, type and protocol only.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"OutgoingMessage {Id} ({Type}, {Protocol}, attempt {Attempt})";
}
