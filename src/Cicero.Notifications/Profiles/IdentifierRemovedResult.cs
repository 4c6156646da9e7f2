namespace Cicero.Notifications;

/// <summary>What <see cref="IBorrowerProfiles.RemoveIdentifierAsync"/> did.</summary>
/// <param name="Profile">The changed profile.</param>
/// <param name="DigitalPostSwitchedOff"><see langword="true"/> when Digital Post was on and is now off: it needs a CPR or CVR number.</param>
public sealed record IdentifierRemovedResult(BorrowerProfileView Profile, bool DigitalPostSwitchedOff);
