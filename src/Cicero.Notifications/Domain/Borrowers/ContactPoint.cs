namespace Cicero.Notifications.Domain;

/// <summary>
/// A phone number or e-mail address on a borrower's profile, with its purpose, source and — for e-mail —
/// verification state. Immutable; changes return a new instance.
/// </summary>
/// <remarks>
/// A manually added e-mail starts unverified; imported and migrated ones are verified on arrival.
/// A verification token is stored only as its SHA-256 hash (<see cref="VerificationTokenHash"/>).
/// <see cref="ToString"/> does not print the address (personal data).
/// </remarks>
public sealed class ContactPoint
{
    private ContactPoint(ContactKind kind, PhoneNumber? phone, EmailAddress? email, ContactPurpose purpose, ContactSource source, DateTimeOffset addedAt)
    {
        Kind = kind;
        Phone = phone;
        Email = email;
        Purpose = purpose;
        Source = source;
        AddedAt = addedAt;
        VerificationStartedAt = addedAt;
    }

    /// <summary>Gets what the contact point is.</summary>
    public ContactKind Kind { get; }

    /// <summary>Gets the phone number when <see cref="Kind"/> is <see cref="ContactKind.Phone"/>.</summary>
    public PhoneNumber? Phone { get; }

    /// <summary>Gets the e-mail address when <see cref="Kind"/> is <see cref="ContactKind.Email"/>.</summary>
    public EmailAddress? Email { get; }

    /// <summary>Gets the address in its normalized form (E.164 phone or e-mail). Personal data.</summary>
    public string Value => Phone?.Value ?? Email!.Value;

    /// <summary>Gets what the contact point is for.</summary>
    public ContactPurpose Purpose { get; }

    /// <summary>Gets where the contact point came from.</summary>
    public ContactSource Source { get; }

    /// <summary>Gets when it was added.</summary>
    public DateTimeOffset AddedAt { get; }

    /// <summary>Gets when the e-mail address was verified; <see langword="null"/> while unverified (phones are never verified).</summary>
    public DateTimeOffset? VerifiedAt { get; private init; }

    /// <summary>Gets when the current verification window started: when the address was added, or when the verification was last resent.</summary>
    public DateTimeOffset VerificationStartedAt { get; private init; }

    /// <summary>
    /// Gets the SHA-256 hash (lower-case hex) of the current verification token, or of the token that verified the
    /// address (kept to recognise the link again); <see langword="null"/> when there is none.
    /// </summary>
    public string? VerificationTokenHash { get; private init; }

    /// <summary>Gets a value indicating whether this is an e-mail address for notifications still waiting for verification.</summary>
    public bool IsAwaitingVerification => Kind == ContactKind.Email && Purpose == ContactPurpose.Notification && VerifiedAt is null;

    /// <summary>Creates a phone contact point.</summary>
    /// <param name="phone">The number.</param>
    /// <param name="purpose">What it is for.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="addedAt">When it was added.</param>
    /// <returns>The contact point.</returns>
    public static ContactPoint ForPhone(PhoneNumber phone, ContactPurpose purpose, ContactSource source, DateTimeOffset addedAt)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return new ContactPoint(ContactKind.Phone, phone, null, purpose, source, addedAt);
    }

    /// <summary>Creates an e-mail contact point: verified at once unless it was added manually.</summary>
    /// <param name="email">The address.</param>
    /// <param name="purpose">What it is for.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="addedAt">When it was added.</param>
    /// <returns>The contact point.</returns>
    public static ContactPoint ForEmail(EmailAddress email, ContactPurpose purpose, ContactSource source, DateTimeOffset addedAt)
    {
        ArgumentNullException.ThrowIfNull(email);
        return new ContactPoint(ContactKind.Email, null, email, purpose, source, addedAt)
        {
            VerifiedAt = source == ContactSource.Manual ? null : addedAt,
        };
    }

    /// <summary>Recreates a contact point from a store, validating the address again.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The stored address.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="source">The source.</param>
    /// <param name="addedAt">When it was added.</param>
    /// <param name="verifiedAt">When it was verified.</param>
    /// <param name="verificationStartedAt">When the verification window started.</param>
    /// <param name="verificationTokenHash">The token hash.</param>
    /// <returns>The contact point.</returns>
    /// <exception cref="FormatException">The stored address is not valid for its kind.</exception>
    public static ContactPoint Restore(ContactKind kind, string value, ContactPurpose purpose, ContactSource source, DateTimeOffset addedAt, DateTimeOffset? verifiedAt, DateTimeOffset verificationStartedAt, string? verificationTokenHash)
    {
        var point = kind == ContactKind.Phone
            ? ForPhone(PhoneNumber.Parse(value), purpose, source, addedAt)
            : ForEmail(EmailAddress.Parse(value), purpose, source, addedAt);
        return point.Copy(verifiedAt, verificationStartedAt, verificationTokenHash);
    }

    /// <summary>Returns whether this contact point holds the same address as <paramref name="other"/>.</summary>
    /// <param name="other">The other contact point.</param>
    /// <returns><see langword="true"/> for the same kind and address.</returns>
    public bool SameAddressAs(ContactPoint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Kind == other.Kind && (Kind == ContactKind.Phone ? Phone!.Equals(other.Phone) : Email!.Equals(other.Email));
    }

    /// <summary>Gets when an unverified e-mail address expires; <see langword="null"/> when it does not.</summary>
    /// <param name="window">The verification window (3 days by default).</param>
    /// <returns>The expiry time, or <see langword="null"/>.</returns>
    public DateTimeOffset? ExpiresAt(TimeSpan window) => IsAwaitingVerification ? VerificationStartedAt + window : null;

    /// <summary>Gets a value indicating whether the contact point receives notifications: a Notification phone, or a verified Notification e-mail.</summary>
    public bool IsUsableForNotifications => Purpose == ContactPurpose.Notification && (Kind == ContactKind.Phone || VerifiedAt is not null);

    /// <summary>Gets whether the e-mail address is awaiting verification and its window has not run out.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="window">The verification window.</param>
    /// <returns><see langword="true"/> when messages to it should be held.</returns>
    public bool IsPendingVerification(DateTimeOffset now, TimeSpan window) => IsAwaitingVerification && now < VerificationStartedAt + window;

    /// <summary>Returns the contact point with a new verification token (hash), restarting the verification window.</summary>
    /// <param name="tokenHash">The SHA-256 hash of the token, lower-case hex.</param>
    /// <param name="at">When the token was issued.</param>
    /// <returns>The changed contact point.</returns>
    /// <exception cref="InvalidOperationException">The contact point is not an e-mail address awaiting verification.</exception>
    public ContactPoint WithVerificationToken(string tokenHash, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        if (!IsAwaitingVerification)
        {
            throw new InvalidOperationException("Only a notification e-mail address awaiting verification can get a verification token.");
        }

        return Copy(VerifiedAt, at, tokenHash);
    }

    /// <summary>
    /// Returns the contact point verified. The token is used up: it cannot verify anything again, but its hash stays
    /// (<see cref="VerificationTokenHash"/>), so a second use of the link can be answered "already verified".
    /// </summary>
    /// <param name="at">When it was verified.</param>
    /// <returns>The changed contact point.</returns>
    /// <exception cref="InvalidOperationException">The contact point is not an e-mail address awaiting verification.</exception>
    public ContactPoint Verify(DateTimeOffset at)
    {
        if (!IsAwaitingVerification)
        {
            throw new InvalidOperationException("Only a notification e-mail address awaiting verification can be verified.");
        }

        return Copy(at, VerificationStartedAt, VerificationTokenHash);
    }

    /// <summary>Returns a description without the address (personal data).</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Kind} ({Purpose}, {Source}{(IsAwaitingVerification ? ", unverified" : "")})";

    private ContactPoint Copy(DateTimeOffset? verifiedAt, DateTimeOffset verificationStartedAt, string? tokenHash)
        => new(Kind, Phone, Email, Purpose, Source, AddedAt)
        {
            VerifiedAt = verifiedAt,
            VerificationStartedAt = verificationStartedAt,
            VerificationTokenHash = tokenHash,
        };
}
