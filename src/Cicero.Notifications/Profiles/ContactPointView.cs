using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>A phone number or e-mail address as the borrower detail page shows it.</summary>
/// <param name="Kind">Phone or e-mail.</param>
/// <param name="Value">The address in its normalized form (E.164 phone, e-mail as typed). Personal data.</param>
/// <param name="Purpose">What it is for; only <see cref="ContactPurpose.Notification"/> receives notifications.</param>
/// <param name="Source">Where it came from (manual, import, migrated).</param>
/// <param name="AddedAt">When it was added.</param>
/// <param name="VerifiedAt">When the e-mail address was verified; <see langword="null"/> while unverified and for phones.</param>
/// <param name="ExpiresAt">When an unverified notification e-mail address is deleted unless verified first; <see langword="null"/> otherwise.</param>
/// <remarks><see cref="ToString"/> leaves out the address.</remarks>
public sealed record ContactPointView(
    ContactKind Kind,
    string Value,
    ContactPurpose Purpose,
    ContactSource Source,
    DateTimeOffset AddedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>Gets a value indicating whether this is a notification e-mail address waiting for verification: nothing but the verification mail goes to it.</summary>
    public bool IsAwaitingVerification => ExpiresAt is not null;

    /// <summary>Creates the view of a contact point.</summary>
    /// <param name="point">The contact point.</param>
    /// <param name="verificationWindow">How long an e-mail address may stay unverified.</param>
    /// <returns>The view.</returns>
    internal static ContactPointView From(ContactPoint point, TimeSpan verificationWindow)
    {
        ArgumentNullException.ThrowIfNull(point);
        return new(point.Kind, point.Value, point.Purpose, point.Source, point.AddedAt, point.VerifiedAt, point.ExpiresAt(verificationWindow));
    }

    /// <summary>Returns a description without the address (personal data).</summary>
    /// <returns>The description.</returns>
    public override string ToString()
        => $"{Kind} ({Purpose}, {Source}{(IsAwaitingVerification ? ", unverified" : "")})";
}
