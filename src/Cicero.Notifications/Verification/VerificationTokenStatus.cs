namespace Cicero.Notifications;

/// <summary>The answer of <see cref="IEmailVerification.CheckAsync"/>: what a verification link would do, without using it.</summary>
public enum VerificationTokenStatus
{
    /// <summary>The link works: <see cref="IEmailVerification.VerifyEmailAsync"/> would verify the address now.</summary>
    Valid = 0,

    /// <summary>The address is verified already (<see cref="VerificationResult.AlreadyVerified"/>).</summary>
    AlreadyVerified = 1,

    /// <summary>The address's verification window has run out (<see cref="VerificationResult.Expired"/>).</summary>
    Expired = 2,

    /// <summary>The token is malformed, unknown, replaced or its address is gone (<see cref="VerificationResult.Unknown"/>).</summary>
    Unknown = 3,
}
