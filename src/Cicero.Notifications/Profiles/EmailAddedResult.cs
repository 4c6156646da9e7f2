using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>What <see cref="IBorrowerProfiles.AddEmailAsync"/> did.</summary>
/// <param name="Profile">The changed profile.</param>
/// <param name="VerificationMessageId">
/// The verification message sent to the address (a manually added notification e-mail), or <see langword="null"/> when the
/// address needs no verification (imported, migrated, or not for notifications).
/// </param>
public sealed record EmailAddedResult(BorrowerProfileView Profile, MessageId? VerificationMessageId)
{
    /// <summary>Gets a value indicating whether a verification message was sent.</summary>
    public bool VerificationSent => VerificationMessageId is not null;
}
