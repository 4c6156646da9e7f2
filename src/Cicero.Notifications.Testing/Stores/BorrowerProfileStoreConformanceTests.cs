using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>
/// Every <see cref="IBorrowerProfileStore"/> behaviour the engine relies on. Each store's test project subclasses it
/// and returns a fresh, empty store from <see cref="CreateStoreAsync"/>.
/// </summary>
public abstract class BorrowerProfileStoreConformanceTests
{
    private const string TokenHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>Creates a fresh, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IBorrowerProfileStore> CreateStoreAsync();

    /// <summary>A person with every kind of contact point, an opt-in to Digital Post and a user-defined protocol, and a pending verification.</summary>
    private static BorrowerProfile Person(BorrowerId id, string tokenHash = TokenHash, DateTimeOffset? verificationStartedAt = null)
        => BorrowerProfile.Create(id)
            .SetCpr(PersonCpr)
            .WithPreferredCulture("en-GB")
            .AddContact(ContactPoint.ForPhone(Phone, ContactPurpose.Notification, ContactSource.Import, T0))
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("+45 30 11 22 33"), ContactPurpose.Other, ContactSource.Manual, T0.AddDays(1)))
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("Imported@Example.dk"), ContactPurpose.Notification, ContactSource.Import, T0))
            .AddContact(ContactPoint.ForEmail(Email, ContactPurpose.Notification, ContactSource.Manual, T0.AddHours(2)).WithVerificationToken(tokenHash, verificationStartedAt ?? T0.AddHours(3)))
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("verified@example.dk"), ContactPurpose.Notification, ContactSource.Manual, T0).Verify(T0.AddMinutes(30)))
            .OptIn(Protocol.DigitalPost)
            .OptIn(Protocol.Parse("Print"));

    /// <summary>Get returns null for an unknown borrower.</summary>
    [Fact]
    public async Task Get_returns_null_for_an_unknown_borrower()
    {
        var store = await CreateStoreAsync();

        var profile = await store.GetAsync(NewBorrower());

        profile.Should().BeNull();
    }

    /// <summary>Getting many returns each stored profile once, with its contact points, and leaves out unknown borrowers.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task Get_many_returns_the_stored_profiles_and_leaves_out_unknown_borrowers()
    {
        var store = await CreateStoreAsync();
        var first = (await store.TrySaveAsync(Person(NewBorrower())))!;
        var second = (await store.TrySaveAsync(Person(NewBorrower())))!;
        var unknown = NewBorrower();

        var found = await store.GetManyAsync([first.Id, unknown, second.Id, first.Id]);

        found.Keys.Should().BeEquivalentTo([first.Id, second.Id]);
        found[second.Id].Should().BeEquivalentTo(await store.GetAsync(second.Id));
    }

    /// <summary>A new profile is saved with version 1.</summary>
    [Fact]
    public async Task A_new_profile_is_saved_with_version_1()
    {
        var store = await CreateStoreAsync();

        var saved = await store.TrySaveAsync(Person(NewBorrower()));

        saved!.Version.Should().Be(1);
    }

    /// <summary>Get returns every field of a person.</summary>
    [Fact]
    public async Task Get_returns_every_field_of_a_person()
    {
        var store = await CreateStoreAsync();
        var profile = Person(NewBorrower());
        await store.TrySaveAsync(profile);

        var stored = await store.GetAsync(profile.Id);

        stored.Should().BeEquivalentTo(profile.WithVersion(1), o => o.WithStrictOrdering());
    }

    /// <summary>Get returns every field of a company.</summary>
    [Fact]
    public async Task Get_returns_every_field_of_a_company()
    {
        var store = await CreateStoreAsync();
        var profile = BorrowerProfile.Create(NewBorrower()).SetCvr(CompanyCvr).OptIn(Protocol.DigitalPost)
            .AddContact(ContactPoint.ForEmail(Email, ContactPurpose.Other, ContactSource.Migrated, T0));
        await store.TrySaveAsync(profile);

        var stored = await store.GetAsync(profile.Id);

        stored.Should().BeEquivalentTo(profile.WithVersion(1), o => o.WithStrictOrdering());
    }

    /// <summary>Get returns an empty profile.</summary>
    [Fact]
    public async Task Get_returns_an_empty_profile()
    {
        var store = await CreateStoreAsync();
        var profile = BorrowerProfile.Create(NewBorrower());
        await store.TrySaveAsync(profile);

        var stored = await store.GetAsync(profile.Id);

        stored.Should().BeEquivalentTo(profile.WithVersion(1));
    }

    /// <summary>Inserting a profile that exists is a conflict.</summary>
    [Fact]
    public async Task Inserting_a_profile_that_exists_is_a_conflict()
    {
        var store = await CreateStoreAsync();
        var id = NewBorrower();
        await store.TrySaveAsync(BorrowerProfile.Create(id));

        var second = await store.TrySaveAsync(Person(id));

        second.Should().BeNull();
    }

    /// <summary>Updating a profile that does not exist is a conflict.</summary>
    [Fact]
    public async Task Updating_a_profile_that_does_not_exist_is_a_conflict()
    {
        var store = await CreateStoreAsync();

        var saved = await store.TrySaveAsync(BorrowerProfile.Create(NewBorrower()).WithVersion(3));

        saved.Should().BeNull();
    }

    /// <summary>An update stores the change with the next version.</summary>
    [Fact]
    public async Task An_update_stores_the_change_with_the_next_version()
    {
        var store = await CreateStoreAsync();
        var saved = (await store.TrySaveAsync(Person(NewBorrower())))!;
        var changed = saved.RemoveIdentifier().RemoveContact(ContactKind.Phone, "+4520123456").OptOut(Protocol.Parse("Print")).WithPreferredCulture(null);

        var updated = await store.TrySaveAsync(changed);

        updated!.Version.Should().Be(2);
        (await store.GetAsync(saved.Id)).Should().BeEquivalentTo(changed.WithVersion(2), o => o.WithStrictOrdering());
    }

    /// <summary>An update from a stale version is refused and changes nothing.</summary>
    [Fact]
    public async Task An_update_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var saved = (await store.TrySaveAsync(Person(NewBorrower())))!;
        var first = await store.TrySaveAsync(saved.WithPreferredCulture("da-DK"));

        var second = await store.TrySaveAsync(saved.WithPreferredCulture("de-DE"));

        second.Should().BeNull();
        (await store.GetAsync(saved.Id))!.PreferredCulture.Should().Be(first!.PreferredCulture);
    }

    /// <summary>Concurrent saves from one version let exactly one win.</summary>
    [Fact]
    public async Task Concurrent_saves_from_one_version_let_exactly_one_win()
    {
        var store = await CreateStoreAsync();
        var saved = (await store.TrySaveAsync(BorrowerProfile.Create(NewBorrower())))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.TrySaveAsync(saved.AddContact(ContactPoint.ForPhone(PhoneNumber.Parse($"+45 2012345{i}"), ContactPurpose.Notification, ContactSource.Manual, T0))))));

        results.Count(r => r is not null).Should().Be(1);
    }

    /// <summary>Concurrent inserts of one borrower let exactly one win.</summary>
    [Fact]
    public async Task Concurrent_inserts_of_one_borrower_let_exactly_one_win()
    {
        var store = await CreateStoreAsync();
        var id = NewBorrower();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.TrySaveAsync(Person(id)))));

        results.Count(r => r is not null).Should().Be(1);
    }

    /// <summary>Find by token hash returns the profile holding it.</summary>
    [Fact]
    public async Task Find_by_token_hash_returns_the_profile_holding_it()
    {
        var store = await CreateStoreAsync();
        var profile = Person(NewBorrower());
        await store.TrySaveAsync(Person(NewBorrower(), tokenHash: new string('a', 64)));
        await store.TrySaveAsync(profile);

        var found = await store.FindByVerificationTokenHashAsync(TokenHash);

        found!.Id.Should().Be(profile.Id);
    }

    /// <summary>Find by an unknown token hash returns null.</summary>
    [Fact]
    public async Task Find_by_an_unknown_token_hash_returns_null()
    {
        var store = await CreateStoreAsync();
        await store.TrySaveAsync(Person(NewBorrower()));

        var found = await store.FindByVerificationTokenHashAsync(new string('b', 64));

        found.Should().BeNull();
    }

    /// <summary>A verified address keeps its token hash and is still found by it (so a second click says "already verified").</summary>
    [Fact]
    public async Task A_verified_address_is_still_found_by_its_token_hash()
    {
        var store = await CreateStoreAsync();
        var saved = (await store.TrySaveAsync(Person(NewBorrower())))!;
        var point = saved.FindContact(ContactKind.Email, Email.Value)!;
        await store.TrySaveAsync(saved.ReplaceContact(point.Verify(T0.AddDays(1))));

        var found = await store.FindByVerificationTokenHashAsync(TokenHash);

        found!.FindContact(ContactKind.Email, Email.Value)!.Should().BeEquivalentTo(new { VerifiedAt = (DateTimeOffset?)T0.AddDays(1), VerificationTokenHash = TokenHash });
    }

    /// <summary>Expired verifications are those started at or before the cut off.</summary>
    [Fact]
    public async Task Expired_verifications_are_those_started_at_or_before_the_cut_off()
    {
        var store = await CreateStoreAsync();
        var atCutOff = Person(NewBorrower(), tokenHash: new string('1', 64), verificationStartedAt: T0.AddDays(1));
        var before = Person(NewBorrower(), tokenHash: new string('2', 64), verificationStartedAt: T0);
        var after = Person(NewBorrower(), tokenHash: new string('3', 64), verificationStartedAt: T0.AddDays(1).AddSeconds(1));
        foreach (var profile in new[] { atCutOff, before, after })
        {
            await store.TrySaveAsync(profile);
        }

        var expired = await store.ListWithExpiredVerificationsAsync(T0.AddDays(1), 10);

        expired.Select(p => p.Id).Should().BeEquivalentTo([atCutOff.Id, before.Id]);
    }

    /// <summary>Verified and non notification addresses never expire.</summary>
    [Fact]
    public async Task Verified_and_non_notification_addresses_never_expire()
    {
        var store = await CreateStoreAsync();
        var profile = BorrowerProfile.Create(NewBorrower())
            .AddContact(ContactPoint.ForEmail(Email, ContactPurpose.Notification, ContactSource.Manual, T0).Verify(T0.AddHours(1)))
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("work@example.dk"), ContactPurpose.Other, ContactSource.Manual, T0))
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("import@example.dk"), ContactPurpose.Notification, ContactSource.Import, T0));
        await store.TrySaveAsync(profile);

        var expired = await store.ListWithExpiredVerificationsAsync(T0.AddDays(30), 10);

        expired.Should().BeEmpty();
    }

    /// <summary>Expired verifications are listed up to the maximum each profile once.</summary>
    [Fact]
    public async Task Expired_verifications_are_listed_up_to_the_maximum_each_profile_once()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 5; i++)
        {
            var profile = Person(NewBorrower(), tokenHash: new string((char)('a' + i), 64), verificationStartedAt: T0)
                .AddContact(ContactPoint.ForEmail(EmailAddress.Parse($"second{i}@example.dk"), ContactPurpose.Notification, ContactSource.Manual, T0));
            await store.TrySaveAsync(profile);
        }

        var expired = await store.ListWithExpiredVerificationsAsync(T0.AddDays(3), 3);

        expired.Select(p => p.Id).Should().HaveCount(3).And.OnlyHaveUniqueItems();
    }
}
