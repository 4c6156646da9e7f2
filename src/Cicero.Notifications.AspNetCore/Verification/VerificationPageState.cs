namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>What the verification page shows; the layout variable <c>state</c> is <see cref="VerificationPageStates.Name"/> of it.</summary>
internal enum VerificationPageState
{
    /// <summary>A working link before the click: the form with its button.</summary>
    Confirm,

    /// <summary>The address was verified by this request.</summary>
    Verified,

    /// <summary>The address was verified before.</summary>
    AlreadyVerified,

    /// <summary>The address was not verified in time.</summary>
    Expired,

    /// <summary>The link does not work (malformed, unknown, replaced, or its address is gone).</summary>
    Unknown,

    /// <summary>A POST without a valid antiforgery token: nothing was done.</summary>
    Refused,
}
