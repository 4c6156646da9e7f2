namespace Cicero.Notifications.AspNetCore.Verification;

/// <summary>The verification page's states as layouts see them, and the states the core's answers become.</summary>
internal static class VerificationPageStates
{
    /// <summary>Every state, for checking layouts.</summary>
    public static IReadOnlyList<VerificationPageState> All { get; } = Enum.GetValues<VerificationPageState>();

    /// <summary>The value of the layout variable <c>state</c>.</summary>
    public static string Name(VerificationPageState state) => state switch
    {
        VerificationPageState.Confirm => "confirm",
        VerificationPageState.Verified => "verified",
        VerificationPageState.AlreadyVerified => "already_verified",
        VerificationPageState.Expired => "expired",
        VerificationPageState.Unknown => "unknown",
        VerificationPageState.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a verification page state."),
    };

    /// <summary>What a GET shows for a token's status.</summary>
    public static VerificationPageState Of(VerificationTokenStatus status) => status switch
    {
        VerificationTokenStatus.Valid => VerificationPageState.Confirm,
        VerificationTokenStatus.AlreadyVerified => VerificationPageState.AlreadyVerified,
        VerificationTokenStatus.Expired => VerificationPageState.Expired,
        _ => VerificationPageState.Unknown,
    };

    /// <summary>What a POST shows for a verification's result.</summary>
    public static VerificationPageState Of(VerificationResult result) => result switch
    {
        VerificationResult.Verified => VerificationPageState.Verified,
        VerificationResult.AlreadyVerified => VerificationPageState.AlreadyVerified,
        VerificationResult.Expired => VerificationPageState.Expired,
        _ => VerificationPageState.Unknown,
    };
}
