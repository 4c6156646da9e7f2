using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// A borrower's profile as the borrower detail page shows it: contact points (with which e-mail addresses are unverified
/// and when they expire), CPR or CVR, opt-in protocols and preferred language.
/// </summary>
/// <param name="BorrowerId">The borrower.</param>
/// <param name="Cpr">The CPR number (persons), if known; it prints masked (<c>DDMMYY-xxxx</c>).</param>
/// <param name="Cvr">The CVR number (companies), if known.</param>
/// <param name="PreferredCulture">The preferred language; <see langword="null"/> for the library's default.</param>
/// <param name="ContactPoints">The phone numbers and e-mail addresses.</param>
/// <param name="OptIns">The protocols switched on: Digital Post and user-defined ones.</param>
/// <param name="Version">The store's version of the profile.</param>
/// <remarks><see cref="ToString"/> prints no personal data.</remarks>
public sealed record BorrowerProfileView(
    BorrowerId BorrowerId,
    Cpr? Cpr,
    Cvr? Cvr,
    string? PreferredCulture,
    IReadOnlyList<ContactPointView> ContactPoints,
    IReadOnlyList<Protocol> OptIns,
    long Version)
{
    /// <summary>Creates the view of a profile.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="verificationWindow">How long an e-mail address may stay unverified.</param>
    /// <returns>The view.</returns>
    internal static BorrowerProfileView From(BorrowerProfile profile, TimeSpan verificationWindow)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(
            profile.Id,
            profile.Cpr,
            profile.Cvr,
            profile.PreferredCulture,
            [.. profile.ContactPoints.Select(p => ContactPointView.From(p, verificationWindow))],
            [.. profile.OptIns],
            profile.Version);
    }

    /// <summary>Returns whether a protocol is switched on.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns><see langword="true"/> when switched on.</returns>
    public bool HasOptedIn(Protocol protocol) => OptIns.Contains(protocol);

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"BorrowerProfileView ({ContactPoints.Count} contact point(s), version {Version})";
}
