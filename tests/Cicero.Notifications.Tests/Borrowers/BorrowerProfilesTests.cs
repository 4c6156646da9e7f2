using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Borrowers;

public sealed class BorrowerProfilesTests : IDisposable
{
    private const string ValidCpr = "010190-1234";
    private const string ValidCvr = "13585628";
    private readonly ProfileHarness _h = new(o => o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "App" }));
    private readonly BorrowerId _id = ProfileHarness.Borrower();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_created_profile_is_empty_and_can_be_read_back()
    {
        await _h.Profiles.CreateAsync(_id);

        var profile = await _h.Profiles.GetAsync(_id);

        profile.Should().BeEquivalentTo(new { BorrowerId = _id, Cpr = (Cpr?)null, Cvr = (Cvr?)null, ContactPoints = Array.Empty<ContactPointView>(), OptIns = Array.Empty<Protocol>(), Version = 1L });
    }

    [Fact]
    public async Task Reading_a_borrower_without_a_profile_gives_null()
    {
        var profile = await _h.Profiles.GetAsync(_id);

        profile.Should().BeNull();
    }

    [Fact]
    public async Task Creating_a_profile_that_exists_is_a_conflict()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.CreateAsync(_id);

        await act.Should().ThrowAsync<BorrowerProfileConflictException>().WithMessage("*already has a profile*");
    }

    [Fact]
    public async Task Changing_a_borrower_without_a_profile_says_to_create_it_first()
    {
        var act = () => _h.Profiles.AddPhoneAsync(_id, "20 12 34 56", ContactPurpose.Notification, ContactSource.Manual);

        await act.Should().ThrowAsync<BorrowerProfileNotFoundException>().WithMessage("*create it first*");
    }

    [Fact]
    public async Task A_phone_number_is_stored_in_E164_with_its_purpose_and_source()
    {
        await _h.Profiles.CreateAsync(_id);

        var profile = await _h.Profiles.AddPhoneAsync(_id, "20 12 34 56", ContactPurpose.Notification, ContactSource.Import);

        profile.ContactPoints.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = ContactKind.Phone, Value = "+4520123456", Purpose = ContactPurpose.Notification, Source = ContactSource.Import, AddedAt = ProfileHarness.Start, ExpiresAt = (DateTimeOffset?)null });
    }

    [Fact]
    public async Task An_invalid_phone_number_is_a_format_error_that_does_not_repeat_the_input()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.AddPhoneAsync(_id, "12 34 5X", ContactPurpose.Notification, ContactSource.Manual);

        (await act.Should().ThrowAsync<FormatException>()).Which.Message.Should().NotContain("12 34 5X");
    }

    [Fact]
    public async Task An_invalid_phone_number_changes_nothing()
    {
        await _h.Profiles.CreateAsync(_id);

        await FluentActions.Awaiting(() => _h.Profiles.AddPhoneAsync(_id, "not a number", ContactPurpose.Notification, ContactSource.Manual)).Should().ThrowAsync<FormatException>();

        (await _h.Profiles.GetAsync(_id))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task An_invalid_email_address_is_a_format_error_and_changes_nothing()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.AddEmailAsync(_id, "Hans <hans@example.dk>", ContactPurpose.Notification, ContactSource.Manual);

        await act.Should().ThrowAsync<FormatException>();
        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_email_address_sends_no_verification_message()
    {
        await _h.Profiles.CreateAsync(_id);

        await FluentActions.Awaiting(() => _h.Profiles.AddEmailAsync(_id, "hans@", ContactPurpose.Notification, ContactSource.Manual)).Should().ThrowAsync<FormatException>();

        (await _h.MessagesOfAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Adding_the_same_address_twice_is_refused()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddPhoneAsync(_id, "20123456", ContactPurpose.Notification, ContactSource.Manual);

        var act = () => _h.Profiles.AddPhoneAsync(_id, "+45 20 12 34 56", ContactPurpose.Other, ContactSource.Manual);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already has this phone number*");
    }

    [Fact]
    public async Task A_phone_number_can_be_removed_as_typed()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddPhoneAsync(_id, "+4520123456", ContactPurpose.Notification, ContactSource.Manual);

        var profile = await _h.Profiles.RemovePhoneAsync(_id, "20 12 34 56");

        profile.ContactPoints.Should().BeEmpty();
    }

    [Fact]
    public async Task Removing_a_phone_number_the_borrower_does_not_have_is_refused()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.RemovePhoneAsync(_id, "20 12 34 56");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no such phone number*");
    }

    [Fact]
    public async Task The_view_shows_an_unverified_email_and_when_it_expires()
    {
        await _h.BorrowerWithManualEmailAsync();

        var email = (await _h.Profiles.GetAsync(_id))!.ContactPoints.Single();

        email.Should().BeEquivalentTo(new { IsAwaitingVerification = true, VerifiedAt = (DateTimeOffset?)null, ExpiresAt = ProfileHarness.Start.AddDays(3) });
    }

    [Fact]
    public async Task An_imported_email_shows_as_verified_without_expiry()
    {
        await _h.Profiles.CreateAsync(_id);

        var profile = await _h.Profiles.AddEmailAsync(_id, "laaner@example.dk", ContactPurpose.Notification, ContactSource.Import);

        profile.Profile.ContactPoints.Single().Should().BeEquivalentTo(new { IsAwaitingVerification = false, VerifiedAt = (DateTimeOffset?)ProfileHarness.Start, ExpiresAt = (DateTimeOffset?)null });
    }

    [Fact]
    public async Task A_cpr_number_is_set_and_shows_masked()
    {
        await _h.Profiles.CreateAsync(_id);

        var profile = await _h.Profiles.SetCprAsync(_id, "0101901234");

        profile.Cpr!.ToString().Should().Be("010190-xxxx");
    }

    [Fact]
    public async Task A_cpr_birth_date_is_checked_against_today_in_Copenhagen_not_in_UTC()
    {
        // 23:30 UTC on 10 March is already 11 March in Copenhagen: a child born on 11 March 2026 exists.
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero));
        await _h.Profiles.CreateAsync(_id);

        var profile = await _h.Profiles.SetCprAsync(_id, "110326-4000");

        profile.Cpr!.BirthDate.Should().Be(new DateOnly(2026, 3, 11));
    }

    [Fact]
    public async Task A_cpr_number_with_a_birth_date_after_today_is_refused()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.SetCprAsync(_id, "110326-4000");

        await act.Should().ThrowAsync<FormatException>().WithMessage("*future*");
    }

    [Fact]
    public async Task An_invalid_cpr_number_is_a_format_error_without_the_number()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.SetCprAsync(_id, "320190-1234");

        (await act.Should().ThrowAsync<FormatException>()).Which.Message.Should().NotContain("320190");
    }

    [Fact]
    public async Task A_cvr_number_is_refused_for_a_borrower_with_a_cpr_number()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.SetCprAsync(_id, ValidCpr);

        var act = () => _h.Profiles.SetCvrAsync(_id, ValidCvr);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*CPR or a CVR number, not both*");
    }

    [Fact]
    public async Task An_invalid_cvr_number_is_a_format_error()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.SetCvrAsync(_id, "13585627");

        await act.Should().ThrowAsync<FormatException>().WithMessage("*modulus 11*");
    }

    [Fact]
    public async Task Digital_Post_cannot_be_switched_on_without_a_cpr_or_cvr_number()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.OptInAsync(_id, "DigitalPost");

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*cannot switch on Digital Post without a CPR or CVR number*");
    }

    [Fact]
    public async Task Digital_Post_refused_for_lack_of_an_identifier_changes_nothing()
    {
        await _h.Profiles.CreateAsync(_id);

        await FluentActions.Awaiting(() => _h.Profiles.OptInAsync(_id, "DigitalPost")).Should().ThrowAsync<InvalidOperationException>();

        (await _h.Profiles.GetAsync(_id))!.OptIns.Should().BeEmpty();
    }

    [Fact]
    public async Task Digital_Post_can_be_switched_on_with_a_cvr_number()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.SetCvrAsync(_id, "DK 13 58 56 28");

        var profile = await _h.Profiles.OptInAsync(_id, "digitalpost");

        profile.HasOptedIn(Protocol.DigitalPost).Should().BeTrue();
    }

    [Fact]
    public async Task Removing_the_identifier_switches_Digital_Post_off_and_says_so()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.SetCprAsync(_id, ValidCpr);
        await _h.Profiles.OptInAsync(_id, "DigitalPost");

        var result = await _h.Profiles.RemoveIdentifierAsync(_id);

        result.Should().BeEquivalentTo(new { DigitalPostSwitchedOff = true, Profile = new { Cpr = (Cpr?)null, OptIns = Array.Empty<Protocol>() } });
    }

    [Fact]
    public async Task Removing_the_identifier_when_Digital_Post_was_off_says_nothing_was_switched_off()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.SetCvrAsync(_id, ValidCvr);

        var result = await _h.Profiles.RemoveIdentifierAsync(_id);

        result.Should().BeEquivalentTo(new { DigitalPostSwitchedOff = false, Profile = new { Cvr = (Cvr?)null } });
    }

    [Fact]
    public async Task An_unknown_protocol_is_refused()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.OptInAsync(_id, "Fax");

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*Unknown protocol 'Fax'*").WithParameterName("protocol");
    }

    [Fact]
    public async Task A_malformed_protocol_name_is_a_format_error()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.OptInAsync(_id, "Digital Post!");

        await act.Should().ThrowAsync<FormatException>();
    }

    [Fact]
    public async Task Sms_is_not_switched_on_but_chosen_by_a_notification_phone()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.OptInAsync(_id, "Sms");

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*purpose Notification*");
    }

    [Fact]
    public async Task A_user_defined_protocol_can_be_switched_on_and_off()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.OptInAsync(_id, "App");

        var profile = await _h.Profiles.OptOutAsync(_id, "App");

        profile.OptIns.Should().BeEmpty();
    }

    [Fact]
    public async Task Switching_on_a_protocol_that_is_on_saves_nothing()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.OptInAsync(_id, "App");

        var profile = await _h.Profiles.OptInAsync(_id, "App");

        profile.Version.Should().Be(2);
    }

    [Fact]
    public async Task The_preferred_culture_is_stored_in_its_canonical_form()
    {
        await _h.Profiles.CreateAsync(_id);

        var profile = await _h.Profiles.SetPreferredCultureAsync(_id, " en-gb ");

        profile.PreferredCulture.Should().Be("en-GB");
    }

    [Fact]
    public async Task An_empty_preferred_culture_means_the_library_default()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.SetPreferredCultureAsync(_id, "en");

        var profile = await _h.Profiles.SetPreferredCultureAsync(_id, "");

        profile.PreferredCulture.Should().BeNull();
    }

    [Fact]
    public async Task An_unknown_culture_is_a_format_error()
    {
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.SetPreferredCultureAsync(_id, "xx-NOWHERE");

        await act.Should().ThrowAsync<FormatException>().WithMessage("*not a known culture name*");
    }

    [Fact]
    public async Task A_profile_changed_by_someone_else_meanwhile_is_a_conflict_that_changes_nothing()
    {
        var store = new InterferingProfileStore();
        using var h = new ProfileHarness(profileStore: store);
        await h.Profiles.CreateAsync(_id);
        store.BeforeNextSave = async inner => await inner.TrySaveAsync((await inner.GetAsync(_id))!.WithPreferredCulture("en"));

        var act = () => h.Profiles.AddPhoneAsync(_id, "20123456", ContactPurpose.Notification, ContactSource.Manual);

        await act.Should().ThrowAsync<BorrowerProfileConflictException>();
        (await h.Profiles.GetAsync(_id))!.ContactPoints.Should().BeEmpty();
    }

    [Fact]
    public async Task Profile_changes_log_no_personal_data()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddPhoneAsync(_id, "20123456", ContactPurpose.Notification, ContactSource.Manual);
        await _h.Profiles.AddEmailAsync(_id, "laaner@example.dk", ContactPurpose.Notification, ContactSource.Manual);
        await _h.Profiles.SetCprAsync(_id, ValidCpr);

        var logged = _h.AllLogText();

        _h.Logs.Count.Should().BePositive("the check must look at real log records");
        logged.Should().NotContainAny("20123456", "laaner@example.dk", "010190", "L-1001");
    }
}

/// <summary>A profile store that lets a test change the stored profile just before the next save (a concurrent edit).</summary>
internal sealed class InterferingProfileStore : IBorrowerProfileStore
{
    private readonly InMemoryBorrowerProfileStore _inner = new();

    public Func<IBorrowerProfileStore, Task>? BeforeNextSave { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="BeforeNextSave"/> runs before every save, not only the next.</summary>
    public bool InterfereAlways { get; set; }

    public Task<BorrowerProfile?> GetAsync(BorrowerId id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

    public async Task<BorrowerProfile?> TrySaveAsync(BorrowerProfile profile, CancellationToken cancellationToken = default)
    {
        var interfere = BeforeNextSave;
        if (!InterfereAlways)
        {
            BeforeNextSave = null;
        }

        if (interfere is not null)
        {
            await interfere(_inner);
        }

        return await _inner.TrySaveAsync(profile, cancellationToken);
    }

    public Task<BorrowerProfile?> FindByVerificationTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
        => _inner.FindByVerificationTokenHashAsync(tokenHash, cancellationToken);

    public Task<IReadOnlyList<BorrowerProfile>> ListWithExpiredVerificationsAsync(DateTimeOffset startedBefore, int maxCount, CancellationToken cancellationToken = default)
        => _inner.ListWithExpiredVerificationsAsync(startedBefore, maxCount, cancellationToken);
}
