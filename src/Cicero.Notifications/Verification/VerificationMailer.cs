using Cicero.Notifications.Configuration;
using Cicero.Notifications.Profiles;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Nightly;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Verification;

/// <summary>
/// Creates the verification message of a manually added e-mail address: a new token, the link built from the
/// configured base URL, the EmailVerification template, and a Pending (not held) message that the dispatcher sends.
/// </summary>
/// <remarks>
/// Two steps, so a verification mail never carries a token that was not saved: <see cref="Prepare"/> before the profile is
/// saved with the token's hash (nothing is stored when rendering fails), <see cref="StoreAsync"/> after.
/// The template data (which holds the link) is not kept with the message; only the rendered text is, until anonymization.
/// </remarks>
internal sealed class VerificationMailer(
    ServerSetup setup,
    ITemplateRenderer renderer,
    IMessageStore messages,
    ILogger<VerificationMailer>? logger = null)
{
    private const string SupersededReason = "A newer verification message replaced this one; its link no longer works.";

    private readonly ILogger _logger = logger ?? NullLogger<VerificationMailer>.Instance;

    /// <summary>Creates a token and renders the verification message to <paramref name="email"/>, valid from <paramref name="now"/>.</summary>
    /// <exception cref="InvalidOperationException">No base URL is configured, or the template cannot be rendered.</exception>
    public PreparedVerification Prepare(BorrowerProfile profile, EmailAddress email, DateTimeOffset now)
    {
        var options = setup.Options;
        var baseUrl = options.Verification.BaseUrl
            ?? throw new InvalidOperationException("Verification.BaseUrl is not set: set it to the page that verifies e-mail addresses before adding manual e-mail addresses.");
        var (token, hash) = VerificationToken.Create();
        var expiresAt = TimeZoneInfo.ConvertTime(now + options.EmailVerificationWindow, LibraryTimeZone.Find(options.TimeZone));
        var culture = setup.CultureFor(null, profile);
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["verification_url"] = VerificationLink.Build(baseUrl, token, culture),
            ["expires_at"] = expiresAt,
        };

        RenderedTemplate rendered;
        try
        {
            rendered = renderer.Render(NotificationType.EmailVerification, Protocol.Email, culture, data);
        }
        catch (TemplateRenderException ex)
        {
            throw new InvalidOperationException($"The e-mail verification message could not be rendered, so the address was not added: {ex.Message}", ex);
        }

        var content = new MessageContent(rendered.Subject, rendered.Body, TemplateData: null) { HtmlBody = rendered.HtmlBody };
        var message = Message.CreatePending(MessageId.New(now), profile.Id, NotificationType.EmailVerification, Protocol.Email, MessageRecipient.Email(email), content, culture, now);
        return new PreparedVerification(hash, message);
    }

    /// <summary>Stores the prepared message as Pending: the dispatcher sends it, retrying per <see cref="CiceroNotificationsOptions.VerificationRetry"/>.</summary>
    public async Task<MessageId> StoreAsync(PreparedVerification prepared, string why, CancellationToken cancellationToken)
    {
        var result = await messages.AddAsync([prepared.Message], idempotencyKey: null, cancellationToken).ConfigureAwait(false);
        var id = result.Messages[0].Id;
        ProfileLog.VerificationMessageCreated(_logger, id, why);
        return id;
    }

    /// <summary>
    /// Stops the earlier verification messages to <paramref name="email"/> that are still waiting to be sent: a resend
    /// replaced their token, so their links no longer work. They become Failed (<see cref="MessageFailureKind.Superseded"/>)
    /// and dismissed, like every verification message that is not sent; they stay on the borrower's list.
    /// </summary>
    /// <returns>How many were stopped. One a dispatcher is sending right now is left to it.</returns>
    public async Task<int> RetireEarlierAsync(BorrowerId borrowerId, EmailAddress email, MessageId replacement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var retired = 0;
        string? continuation = null;
        do
        {
            var page = await messages.ListByBorrowerAsync(borrowerId, MessageStatus.Pending, new PageRequest(PageRequest.MaxSize, continuation), cancellationToken).ConfigureAwait(false);
            foreach (var message in page.Items)
            {
                if (message.Type != NotificationType.EmailVerification || message.Id == replacement
                    || message.Recipient is not { Kind: RecipientKind.Email } recipient
                    || !string.Equals(recipient.Value, email.Value, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var superseded = VerificationLink.RemoveToken(message
                    .MarkFailed(now, new MessageFailure(MessageFailureKind.Superseded, SupersededReason), attempted: false)
                    .Dismiss(now, MessageHistoryEntry.SystemActor, SupersededReason));
                if (await messages.TryUpdateAsync(superseded, cancellationToken).ConfigureAwait(false) is not null)
                {
                    retired++;
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        return retired;
    }

}
