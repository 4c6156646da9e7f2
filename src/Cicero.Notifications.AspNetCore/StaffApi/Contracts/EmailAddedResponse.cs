namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>The profile after adding an e-mail address or resending its verification, and the verification message sent, if any.</summary>
internal sealed record EmailAddedResponse
{
    /// <summary>The changed profile.</summary>
    public required ProfileResponse Profile { get; init; }

    /// <summary>The verification message's id; null when the address needs no verification.</summary>
    public string? VerificationMessageId { get; init; }
}
