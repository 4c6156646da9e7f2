using System.Collections.Immutable;

namespace Cicero.Notifications.Domain;

/// <summary>
/// What the library knows about how to reach a borrower: contact points, CPR or CVR, opt-in protocols and the
/// preferred language. Immutable; every change returns a new profile or throws, changing nothing.
/// </summary>
/// <remarks>
/// <para>Rules: a borrower has a CPR (person) or a CVR (company), not both. Digital Post can be switched on only
/// with one of them, and removing the identifier switches it off. SMS and e-mail are not opt-ins: they
/// are chosen by giving a phone number or e-mail address the purpose <see cref="ContactPurpose.Notification"/>.</para>
/// <para>Exception messages never contain addresses or identifiers. <see cref="ToString"/> prints the id only.</para>
/// </remarks>
public sealed record BorrowerProfile
{
    private BorrowerProfile(BorrowerId id) => Id = id;

    /// <summary>Gets the borrower's id.</summary>
    public BorrowerId Id { get; }

    /// <summary>Gets the borrower's CPR number (persons), if known.</summary>
    public Cpr? Cpr { get; private init; }

    /// <summary>Gets the borrower's CVR number (companies), if known.</summary>
    public Cvr? Cvr { get; private init; }

    /// <summary>Gets the preferred culture (for example <c>en-GB</c>); <see langword="null"/> for the library's default.</summary>
    public string? PreferredCulture { get; private init; }

    /// <summary>Gets the phone numbers and e-mail addresses.</summary>
    public ImmutableArray<ContactPoint> ContactPoints { get; private init; } = [];

    /// <summary>Gets the protocols the borrower switched on ("Yderligere notifikationskanaler"): Digital Post and user-defined ones.</summary>
    public ImmutableArray<Protocol> OptIns { get; private init; } = [];

    /// <summary>Gets the store's version of the profile, for optimistic concurrency. New profiles have 0.</summary>
    public long Version { get; private init; }

    /// <summary>Creates an empty profile.</summary>
    /// <param name="id">The borrower's id.</param>
    /// <returns>The profile.</returns>
    public static BorrowerProfile Create(BorrowerId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new BorrowerProfile(id);
    }

    /// <summary>Recreates a profile from a store, checking its rules.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cpr">The CPR number.</param>
    /// <param name="cvr">The CVR number.</param>
    /// <param name="preferredCulture">The preferred culture.</param>
    /// <param name="contactPoints">The contact points.</param>
    /// <param name="optIns">The opt-in protocols.</param>
    /// <param name="version">The store's version.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentException">The stored data breaks a rule (both CPR and CVR, Digital Post without either).</exception>
    public static BorrowerProfile Restore(BorrowerId id, Cpr? cpr, Cvr? cvr, string? preferredCulture, IEnumerable<ContactPoint> contactPoints, IEnumerable<Protocol> optIns, long version)
    {
        ArgumentNullException.ThrowIfNull(contactPoints);
        ArgumentNullException.ThrowIfNull(optIns);
        var profile = new BorrowerProfile(id)
        {
            Cpr = cpr,
            Cvr = cvr,
            PreferredCulture = preferredCulture,
            ContactPoints = [.. contactPoints],
            OptIns = [.. optIns.Distinct()],
            Version = version,
        };
        if (cpr is not null && cvr is not null)
        {
            throw new ArgumentException("A borrower has a CPR or a CVR number, not both.", nameof(cvr));
        }

        if (profile.HasOptedIn(Protocol.DigitalPost) && !profile.HasIdentifier)
        {
            throw new ArgumentException("Digital Post is switched on without a CPR or CVR number.", nameof(optIns));
        }

        return profile;
    }

    /// <summary>Gets a value indicating whether the borrower has a CPR or CVR number.</summary>
    public bool HasIdentifier => Cpr is not null || Cvr is not null;

    /// <summary>Returns whether the borrower switched the protocol on.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns><see langword="true"/> when switched on.</returns>
    public bool HasOptedIn(Protocol protocol) => OptIns.Contains(protocol);

    /// <summary>Finds the contact point with the given address.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The address (normalized or as typed).</param>
    /// <returns>The contact point, or <see langword="null"/>.</returns>
    public ContactPoint? FindContact(ContactKind kind, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var point in ContactPoints)
        {
            if (point.Kind == kind && Matches(point, value))
            {
                return point;
            }
        }

        return null;
    }

    /// <summary>Adds a contact point.</summary>
    /// <param name="contact">The contact point.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="InvalidOperationException">The profile already holds that address.</exception>
    public BorrowerProfile AddContact(ContactPoint contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (ContactPoints.Any(p => p.SameAddressAs(contact)))
        {
            throw new InvalidOperationException($"Borrower {Id} already has this {Describe(contact.Kind)}.");
        }

        return this with { ContactPoints = ContactPoints.Add(contact) };
    }

    /// <summary>Removes a contact point.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The address.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="InvalidOperationException">The profile has no such contact point.</exception>
    public BorrowerProfile RemoveContact(ContactKind kind, string value)
    {
        var point = FindContact(kind, value) ?? throw new InvalidOperationException($"Borrower {Id} has no such {Describe(kind)}.");
        return this with { ContactPoints = ContactPoints.Remove(point) };
    }

    /// <summary>Replaces a contact point with a changed version of itself (same address).</summary>
    /// <param name="changed">The changed contact point.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="InvalidOperationException">The profile has no contact point with that address.</exception>
    public BorrowerProfile ReplaceContact(ContactPoint changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var index = ContactPoints.IndexOf(ContactPoints.FirstOrDefault(p => p.SameAddressAs(changed))!);
        if (index < 0)
        {
            throw new InvalidOperationException($"Borrower {Id} has no such {Describe(changed.Kind)}.");
        }

        return this with { ContactPoints = ContactPoints.SetItem(index, changed) };
    }

    /// <summary>Sets the CPR number (a person).</summary>
    /// <param name="cpr">The CPR number.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="InvalidOperationException">The borrower has a CVR number.</exception>
    public BorrowerProfile SetCpr(Cpr cpr)
    {
        ArgumentNullException.ThrowIfNull(cpr);
        return Cvr is not null
            ? throw new InvalidOperationException($"Borrower {Id} has a CVR number; a borrower has a CPR or a CVR number, not both. Remove the CVR number first.")
            : this with { Cpr = cpr };
    }

    /// <summary>Sets the CVR number (a company).</summary>
    /// <param name="cvr">The CVR number.</param>
    /// <returns>The changed profile.</returns>
    /// <exception cref="InvalidOperationException">The borrower has a CPR number.</exception>
    public BorrowerProfile SetCvr(Cvr cvr)
    {
        ArgumentNullException.ThrowIfNull(cvr);
        return Cpr is not null
            ? throw new InvalidOperationException($"Borrower {Id} has a CPR number; a borrower has a CPR or a CVR number, not both. Remove the CPR number first.")
            : this with { Cvr = cvr };
    }

    /// <summary>Removes the CPR or CVR number; Digital Post is switched off with it.</summary>
    /// <returns>The changed profile.</returns>
    public BorrowerProfile RemoveIdentifier()
        => this with { Cpr = null, Cvr = null, OptIns = OptIns.Remove(Protocol.DigitalPost) };

    /// <summary>Switches a protocol on: Digital Post (needs a CPR or CVR number) or a user-defined protocol.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The changed profile (unchanged when already on).</returns>
    /// <exception cref="ArgumentException">The protocol is SMS or e-mail, which are chosen by adding a Notification phone or e-mail.</exception>
    /// <exception cref="InvalidOperationException">Digital Post without a CPR or CVR number.</exception>
    public BorrowerProfile OptIn(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (protocol == Protocol.Sms || protocol == Protocol.Email)
        {
            throw new ArgumentException($"{protocol} is not switched on: it is chosen by giving {(protocol == Protocol.Sms ? "a phone number" : "an e-mail address")} the purpose Notification.", nameof(protocol));
        }

        if (protocol == Protocol.DigitalPost && !HasIdentifier)
        {
            throw new InvalidOperationException($"Borrower {Id} cannot switch on Digital Post without a CPR or CVR number.");
        }

        return HasOptedIn(protocol) ? this : this with { OptIns = OptIns.Add(protocol) };
    }

    /// <summary>Switches a protocol off.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <returns>The changed profile (unchanged when already off).</returns>
    public BorrowerProfile OptOut(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return HasOptedIn(protocol) ? this with { OptIns = OptIns.Remove(protocol) } : this;
    }

    /// <summary>Sets or clears the preferred culture.</summary>
    /// <param name="culture">A culture name such as <c>da-DK</c> or <c>en</c>; <see langword="null"/> for the library's default.</param>
    /// <returns>The changed profile.</returns>
    public BorrowerProfile WithPreferredCulture(string? culture)
        => this with { PreferredCulture = string.IsNullOrWhiteSpace(culture) ? null : culture.Trim() };

    /// <summary>Returns the same profile with the store's new version. For stores only.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The profile.</returns>
    public BorrowerProfile WithVersion(long version) => this with { Version = version };

    /// <summary>Gets the e-mail addresses whose verification window has run out.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="window">The verification window.</param>
    /// <returns>The expired contact points.</returns>
    public IReadOnlyList<ContactPoint> ExpiredEmails(DateTimeOffset now, TimeSpan window)
        => [.. ContactPoints.Where(p => p.ExpiresAt(window) is { } expires && expires <= now)];

    /// <summary>Returns the borrower's id; never personal data.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"BorrowerProfile {Id}";

    private static bool Matches(ContactPoint point, string value) => point.Kind == ContactKind.Phone
        ? PhoneNumber.TryParse(value, out var phone) && phone.Equals(point.Phone)
        : EmailAddress.TryParse(value, out var email) && email.Equals(point.Email);

    private static string Describe(ContactKind kind) => kind == ContactKind.Phone ? "phone number" : "e-mail address";
}
