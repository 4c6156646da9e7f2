namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>The profile after removing the CPR or CVR number.</summary>
internal sealed record IdentifierRemovedResponse
{
    /// <summary>The changed profile.</summary>
    public required ProfileResponse Profile { get; init; }

    /// <summary>Whether Digital Post was on and is now off: it needs a CPR or CVR number.</summary>
    public required bool DigitalPostSwitchedOff { get; init; }
}
