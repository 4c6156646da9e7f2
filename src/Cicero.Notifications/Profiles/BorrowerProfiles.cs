using Cicero.Notifications.Configuration;
using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Nightly;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Profiles;

/// <summary>The borrower detail page: read, check, change and save a profile with optimistic concurrency.</summary>
/// <remarks>
/// Every change parses its input first, then applies the domain rule to the profile read from the store, then saves it
/// only if nobody changed it meanwhile. A verification message is stored after the profile holding its token's hash is
/// saved, so no mail ever carries a token that does not exist.
/// </remarks>
internal sealed class BorrowerProfiles(
    ServerSetup setup,
    IBorrowerProfileStore store,
    VerificationMailer mailer,
    HeldMessageResolver heldMessages,
    TimeProvider time,
    ILogger<BorrowerProfiles>? logger = null) : IBorrowerProfiles
{
    private readonly ILogger _logger = logger ?? NullLogger<BorrowerProfiles>.Instance;

    private TimeSpan Window => setup.Options.EmailVerificationWindow;

    public async Task<BorrowerProfileView?> GetAsync(BorrowerId borrowerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var profile = await store.GetAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        return profile is null ? null : View(profile);
    }

    public async Task<BorrowerProfileView> CreateAsync(BorrowerId borrowerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var saved = await store.TrySaveAsync(BorrowerProfile.Create(borrowerId), cancellationToken).ConfigureAwait(false)
            ?? throw new BorrowerProfileConflictException("The borrower already has a profile; nothing was changed.");
        return View(saved);
    }

    public async Task<BorrowerProfileView> AddPhoneAsync(BorrowerId borrowerId, string phone, ContactPurpose purpose, ContactSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var number = PhoneNumber.Parse(phone);
        CheckDefined(purpose, source);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        var changed = profile.AddContact(ContactPoint.ForPhone(number, purpose, source, time.GetUtcNow()));
        return View(await SaveAsync(changed, "AddPhone", cancellationToken).ConfigureAwait(false));
    }

    public async Task<BorrowerProfileView> RemovePhoneAsync(BorrowerId borrowerId, string phone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var number = PhoneNumber.Parse(phone);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        var changed = profile.RemoveContact(ContactKind.Phone, number.Value);
        return View(await SaveAsync(changed, "RemovePhone", cancellationToken).ConfigureAwait(false));
    }

    public async Task<EmailAddedResult> AddEmailAsync(BorrowerId borrowerId, string email, ContactPurpose purpose, ContactSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var address = EmailAddress.Parse(email);
        CheckDefined(purpose, source);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();

        // Imported and migrated addresses are verified on arrival; only a manual notification address waits.
        var point = ContactPoint.ForEmail(address, purpose, source, now);
        PreparedVerification? verification = null;
        if (point.IsAwaitingVerification)
        {
            verification = mailer.Prepare(profile, address, now);
            point = point.WithVerificationToken(verification.TokenHash, now);
        }

        var saved = await SaveAsync(profile.AddContact(point), "AddEmail", cancellationToken).ConfigureAwait(false);
        MessageId? messageId = verification is null
            ? null
            : await mailer.StoreAsync(verification, "added", cancellationToken).ConfigureAwait(false);
        return new EmailAddedResult(View(saved), messageId);
    }

    public async Task<BorrowerProfileView> RemoveEmailAsync(BorrowerId borrowerId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var address = EmailAddress.Parse(email);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        var saved = await SaveAsync(profile.RemoveContact(ContactKind.Email, address.Value), "RemoveEmail", cancellationToken).ConfigureAwait(false);

        // Messages held for the address would otherwise wait forever: they follow the same path as an expired address's.
        await heldMessages.ResolveAsync(saved, address, HeldMessageResolver.RemovedReason, cancellationToken).ConfigureAwait(false);
        return View(saved);
    }

    public async Task<EmailAddedResult> ResendVerificationAsync(BorrowerId borrowerId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var address = EmailAddress.Parse(email);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        var point = profile.FindContact(ContactKind.Email, address.Value)
            ?? throw new InvalidOperationException("The borrower has no such e-mail address.");
        if (!point.IsAwaitingVerification)
        {
            throw new InvalidOperationException("Only a notification e-mail address awaiting verification gets a verification message; this one is verified or not for notifications.");
        }

        // A new token replaces the old one (which stops working) and restarts the verification window.
        var now = time.GetUtcNow();
        var verification = mailer.Prepare(profile, address, now);
        var saved = await SaveAsync(profile.ReplaceContact(point.WithVerificationToken(verification.TokenHash, now)), "ResendVerification", cancellationToken).ConfigureAwait(false);
        var messageId = await mailer.StoreAsync(verification, "resent", cancellationToken).ConfigureAwait(false);
        await mailer.RetireEarlierAsync(borrowerId, address, messageId, now, cancellationToken).ConfigureAwait(false);
        return new EmailAddedResult(View(saved), messageId);
    }

    public async Task<BorrowerProfileView> SetCprAsync(BorrowerId borrowerId, string cpr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var today = LibraryTimeZone.Today(time.GetUtcNow(), LibraryTimeZone.Find(setup.Options.TimeZone));
        var number = Cpr.Parse(cpr, today);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        return View(await SaveAsync(profile.SetCpr(number), "SetCpr", cancellationToken).ConfigureAwait(false));
    }

    public async Task<BorrowerProfileView> SetCvrAsync(BorrowerId borrowerId, string cvr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var number = Cvr.Parse(cvr);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        return View(await SaveAsync(profile.SetCvr(number), "SetCvr", cancellationToken).ConfigureAwait(false));
    }

    public async Task<IdentifierRemovedResult> RemoveIdentifierAsync(BorrowerId borrowerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        if (!profile.HasIdentifier)
        {
            return new IdentifierRemovedResult(View(profile), DigitalPostSwitchedOff: false);
        }

        var digitalPostWasOn = profile.HasOptedIn(Protocol.DigitalPost);
        var saved = await SaveAsync(profile.RemoveIdentifier(), "RemoveIdentifier", cancellationToken).ConfigureAwait(false);
        return new IdentifierRemovedResult(View(saved), digitalPostWasOn);
    }

    public async Task<BorrowerProfileView> OptInAsync(BorrowerId borrowerId, string protocol, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var known = KnownProtocol(protocol);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        var changed = profile.OptIn(known);
        return ReferenceEquals(changed, profile) ? View(profile) : View(await SaveAsync(changed, "OptIn", cancellationToken).ConfigureAwait(false));
    }

    public async Task<BorrowerProfileView> OptOutAsync(BorrowerId borrowerId, string protocol, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var known = KnownProtocol(protocol);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        var changed = profile.OptOut(known);
        return ReferenceEquals(changed, profile) ? View(profile) : View(await SaveAsync(changed, "OptOut", cancellationToken).ConfigureAwait(false));
    }

    public async Task<BorrowerProfileView> SetPreferredCultureAsync(BorrowerId borrowerId, string? culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var name = CultureName(culture);
        var profile = await LoadAsync(borrowerId, cancellationToken).ConfigureAwait(false);
        return View(await SaveAsync(profile.WithPreferredCulture(name), "SetPreferredCulture", cancellationToken).ConfigureAwait(false));
    }

    private BorrowerProfileView View(BorrowerProfile profile) => BorrowerProfileView.From(profile, Window);

    private async Task<BorrowerProfile> LoadAsync(BorrowerId borrowerId, CancellationToken cancellationToken)
        => await store.GetAsync(borrowerId, cancellationToken).ConfigureAwait(false) ?? throw new BorrowerProfileNotFoundException();

    private async Task<BorrowerProfile> SaveAsync(BorrowerProfile changed, string operation, CancellationToken cancellationToken)
    {
        var saved = await store.TrySaveAsync(changed, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            ProfileLog.ProfileConflict(_logger, operation);
            throw new BorrowerProfileConflictException();
        }

        return saved;
    }

    private Protocol KnownProtocol(string protocol)
    {
        var parsed = Protocol.Parse(protocol);
        return setup.Catalog.Contains(parsed)
            ? parsed
            : throw new ArgumentException($"Unknown protocol '{parsed}': use DigitalPost or a protocol defined in UserDefinedProtocols.", nameof(protocol));
    }

    private static string? CultureName(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(culture.Trim(), predefinedOnly: true).Name;
        }
        catch (CultureNotFoundException ex)
        {
            throw new FormatException("The preferred language is not a known culture name: use for example 'da-DK', 'da' or 'en'.", ex);
        }
    }

    private static void CheckDefined(ContactPurpose purpose, ContactSource source)
    {
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "Unknown contact purpose.");
        }

        if (!Enum.IsDefined(source))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown contact source.");
        }
    }
}
