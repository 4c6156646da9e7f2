using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Borrowers;

namespace Cicero.Notifications.Tests.Nightly;

public sealed class NightlyJobsTests : IDisposable
{
    private const string Address = "laaner@example.dk";
    private const string Phone = "+4520123456";
    private const string ExpiredReason = "The e-mail address was not verified within 3 days.";
    private readonly ProfileHarness _h = new();
    private readonly BorrowerId _id = ProfileHarness.Borrower();

    public void Dispose() => _h.Dispose();

    // ---- rule 17: anonymization --------------------------------------------------------------------------------

    [Fact]
    public async Task A_message_older_than_the_retention_period_loses_its_personal_content()
    {
        var sent = await SentMessageAsync();
        _h.Time.Advance(TimeSpan.FromDays(31));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(sent)).Should().BeEquivalentTo(new { IsAnonymized = true, Recipient = (MessageRecipient?)null, Content = (MessageContent?)null });
    }

    [Fact]
    public async Task An_anonymized_message_keeps_type_protocol_status_and_creation_time()
    {
        var sent = await SentMessageAsync();
        _h.Time.Advance(TimeSpan.FromDays(31));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(sent)).Should().BeEquivalentTo(new { Type = NotificationType.ReservationReady, Protocol = Protocol.Email, Status = MessageStatus.Sent, CreatedAt = ProfileHarness.Start });
    }

    [Fact]
    public async Task An_anonymized_message_has_ChangedAt_the_time_of_anonymization()
    {
        var sent = await SentMessageAsync();
        _h.Time.Advance(TimeSpan.FromDays(31));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(sent)).ChangedAt.Should().Be(ProfileHarness.Start.AddDays(31));
    }

    [Fact]
    public async Task An_anonymized_message_stays_on_the_borrowers_list()
    {
        var sent = await SentMessageAsync();
        _h.Time.Advance(TimeSpan.FromDays(31));

        await _h.Nightly.RunAsync();

        (await _h.MessagesOfAsync()).Select(m => m.Id).Should().Contain(sent);
    }

    [Fact]
    public async Task A_message_within_the_retention_period_keeps_its_content()
    {
        var sent = await SentMessageAsync();
        _h.Time.Advance(TimeSpan.FromDays(29));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(sent)).IsAnonymized.Should().BeFalse();
    }

    [Fact]
    public async Task The_retention_period_is_configurable()
    {
        using var h = new ProfileHarness(o => o.Nightly.RetentionPeriod = TimeSpan.FromDays(7));
        await h.Profiles.CreateAsync(_id);
        await h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Import);
        var message = (await h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady))).Single();
        await h.Dispatcher.DispatchDueAsync();
        h.Time.Advance(TimeSpan.FromDays(8));

        await h.Nightly.RunAsync();

        (await h.MessageAsync(message.Id)).IsAnonymized.Should().BeTrue();
    }

    [Fact]
    public async Task Anonymization_works_in_batches_until_none_is_left()
    {
        var store = new CountingMessageStore();
        using var h = new ProfileHarness(o => o.Nightly.BatchSize = 2, messageStore: store);
        await h.Profiles.CreateAsync(_id);
        await h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Import);
        for (var i = 0; i < 5; i++)
        {
            await h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady));
        }

        await h.Dispatcher.DispatchDueAsync();
        h.Time.Advance(TimeSpan.FromDays(31));

        await h.Nightly.RunAsync();

        store.AnonymizedPerBatch.Should().Equal(2, 2, 1, 0);
    }

    [Fact]
    public async Task The_run_reports_how_many_messages_it_anonymized()
    {
        await SentMessageAsync();
        _h.Time.Advance(TimeSpan.FromDays(31));

        var result = await _h.Nightly.RunAsync();

        result.MessagesAnonymized.Should().Be(1);
    }

    [Fact]
    public async Task An_idempotency_key_older_than_the_retention_period_is_forgotten()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Import);
        var notification = new Notification(_id, NotificationType.ReservationReady) { IdempotencyKey = "reservation-4711-ready" };
        var first = await _h.Notifier.NotifyAsync(notification);
        _h.Time.Advance(TimeSpan.FromDays(31));

        var result = await _h.Nightly.RunAsync();
        var again = await _h.Notifier.NotifyAsync(notification);

        result.IdempotencyKeysForgotten.Should().Be(1);
        again.Select(m => m.Id).Should().NotIntersectWith(first.Select(m => m.Id));
    }

    [Fact]
    public async Task An_idempotency_key_within_the_retention_period_still_returns_the_first_messages()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Import);
        var notification = new Notification(_id, NotificationType.ReservationReady) { IdempotencyKey = "reservation-4711-ready" };
        var first = await _h.Notifier.NotifyAsync(notification);
        _h.Time.Advance(TimeSpan.FromDays(29));

        await _h.Nightly.RunAsync();
        var again = await _h.Notifier.NotifyAsync(notification);

        again.Select(m => m.Id).Should().Equal(first.Select(m => m.Id));
    }

    // ---- rule 13: expired e-mail addresses ---------------------------------------------------------------------

    [Fact]
    public async Task An_email_not_verified_within_three_days_is_deleted()
    {
        await _h.BorrowerWithManualEmailAsync(email: Address);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Should().BeEmpty();
    }

    [Fact]
    public async Task An_email_still_within_its_window_is_kept()
    {
        await _h.BorrowerWithManualEmailAsync(email: Address);
        _h.Time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));

        await _h.Nightly.RunAsync();

        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Should().ContainSingle();
    }

    [Fact]
    public async Task A_verified_email_is_never_deleted()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);
        await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));
        _h.Time.Advance(TimeSpan.FromDays(30));

        await _h.Nightly.RunAsync();

        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Should().ContainSingle();
    }

    [Fact]
    public async Task The_run_reports_how_many_addresses_it_deleted()
    {
        await _h.BorrowerWithManualEmailAsync("L-1", "a@example.dk");
        await _h.BorrowerWithManualEmailAsync("L-2", "b@example.dk");
        _h.Time.Advance(TimeSpan.FromDays(3));

        var result = await _h.Nightly.RunAsync();

        result.EmailAddressesDeleted.Should().Be(2);
    }

    [Fact]
    public async Task Expired_addresses_are_deleted_in_batches_until_none_is_left()
    {
        using var h = new ProfileHarness(o => o.Nightly.BatchSize = 2);
        for (var i = 0; i < 5; i++)
        {
            await h.BorrowerWithManualEmailAsync($"L-{i}", $"laaner{i}@example.dk");
        }

        h.Time.Advance(TimeSpan.FromDays(3));

        var result = await h.Nightly.RunAsync();

        result.EmailAddressesDeleted.Should().Be(5);
    }

    [Fact]
    public async Task A_held_message_of_an_expired_email_moves_to_the_alternative_protocol()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).Should().BeEquivalentTo(new { Protocol = Protocol.Sms, Status = MessageStatus.Pending, IsHeld = false, Recipient = new { Kind = RecipientKind.Phone, Value = Phone } });
    }

    [Fact]
    public async Task A_moved_message_is_rendered_again_for_the_alternative_protocol_from_its_template_data()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).Content!.Should().BeEquivalentTo(new { Subject = (string?)null, Body = "pickup_by=2026-03-20\ntitle=Kongens Fald" });
    }

    [Fact]
    public async Task A_moved_message_prints_its_dates_as_the_original_did()
    {
        using var h = new ProfileHarness(realRenderer: true);
        await h.Profiles.CreateAsync(_id);
        await h.Profiles.AddPhoneAsync(_id, Phone, ContactPurpose.Notification, ContactSource.Manual);
        await h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Manual);
        var data = new Dictionary<string, object?> { ["title"] = "Kongens Fald", ["pickup_by"] = new DateOnly(2026, 3, 20), ["borrower_name"] = "Hans" };
        var held = (await h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady) { Data = data })).Single();
        h.Time.Advance(TimeSpan.FromDays(3));

        await h.Nightly.RunAsync();

        (await h.MessageAsync(held.Id)).Content!.Body.Should().Be("Eksempelby Bibliotek: Din reservering \"Kongens Fald\" er klar til afhentning. Hent den senest 20. marts 2026.");
    }

    [Fact]
    public async Task A_moved_message_records_the_expiry_in_its_history()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).History.Last().Should().BeEquivalentTo(new { Event = MessageEvent.Rerouted, Actor = MessageHistoryEntry.SystemActor, Reason = "Moved from Email to Sms. " + ExpiredReason });
    }

    [Fact]
    public async Task A_moved_message_is_sent_by_the_next_dispatch()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        _h.Time.Advance(TimeSpan.FromDays(3));
        await _h.Nightly.RunAsync();

        await _h.Dispatcher.DispatchDueAsync();

        _h.Sms.Sent.Should().ContainSingle().Which.Id.Should().Be(held);
    }

    [Fact]
    public async Task A_message_left_held_for_an_address_verified_just_before_a_crash_is_released_and_sent()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: false);
        await SaveProfileAsync(p => p.ReplaceContact(p.ContactPoints.Single(c => c.Kind == ContactKind.Email).Verify(_h.Time.GetUtcNow())));
        (await _h.MessageAsync(held)).IsHeld.Should().BeTrue("the arrangement stops between saving the verified address and releasing");

        var result = await _h.Nightly.RunAsync();
        await _h.Dispatcher.DispatchDueAsync();

        result.HeldMessagesReleased.Should().Be(1);
        _h.Email.Sent.Should().ContainSingle(m => m.Id == held);
        _h.Logs.GetSnapshot().Should().Contain(r => r.Id.Name == "NightlyHeldReleased");
    }

    [Fact]
    public async Task A_message_left_held_for_an_address_removed_just_before_a_crash_moves_to_the_alternative_protocol()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        await SaveProfileAsync(p => p.RemoveContact(ContactKind.Email, Address));

        var result = await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).Should().BeEquivalentTo(new { Protocol = Protocol.Sms, Status = MessageStatus.Pending, IsHeld = false });
        result.HeldMessagesRerouted.Should().Be(1);
    }

    [Fact]
    public async Task A_message_held_for_an_address_still_awaiting_verification_stays_held()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);

        var result = await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).Should().BeEquivalentTo(new { Protocol = Protocol.Email, Status = MessageStatus.Pending, IsHeld = true });
        (result.HeldMessagesReleased, result.HeldMessagesRerouted, result.HeldMessagesMissingContactInfo).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task A_held_message_of_a_type_without_alternative_becomes_missing_contact_info()
    {
        var held = await HeldMessageAsync(NotificationType.WelcomeBorrower, withPhone: true);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).Should().BeEquivalentTo(new { Status = MessageStatus.MissingContactInfo, Recipient = (MessageRecipient?)null, IsHeld = false });
    }

    [Fact]
    public async Task A_held_message_whose_alternative_has_no_address_becomes_missing_contact_info()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: false);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).Status.Should().Be(MessageStatus.MissingContactInfo);
    }

    [Fact]
    public async Task A_missing_contact_info_message_records_the_expiry_in_its_history()
    {
        var held = await HeldMessageAsync(NotificationType.WelcomeBorrower, withPhone: false);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.MessageAsync(held)).History.Last().Should().BeEquivalentTo(new { Event = MessageEvent.ContactMissing, From = MessageStatus.Pending, To = MessageStatus.MissingContactInfo, At = ProfileHarness.Start.AddDays(3), Reason = ExpiredReason });
    }

    [Fact]
    public async Task A_missing_contact_info_message_stays_on_the_borrowers_list_and_out_of_the_queue()
    {
        var held = await HeldMessageAsync(NotificationType.WelcomeBorrower, withPhone: false);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.Messages.ListQueueAsync(MessageQueueFilter.All, new PageRequest())).Items.Should().BeEmpty();
        (await _h.MessagesOfAsync()).Select(m => m.Id).Should().Contain(held);
    }

    [Fact]
    public async Task A_held_message_whose_alternative_template_fails_is_failed_for_staff()
    {
        var held = await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        _h.Renderer.FailingProtocols.Add(Protocol.Sms);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        (await _h.Messages.ListQueueAsync(MessageQueueFilter.All, new PageRequest())).Items.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Id = held, Protocol = Protocol.Sms, LastFailure = new { Kind = MessageFailureKind.TemplateFailed } });
    }

    [Fact]
    public async Task The_run_reports_what_became_of_held_messages()
    {
        await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.WelcomeBorrower));
        _h.Time.Advance(TimeSpan.FromDays(3));

        var result = await _h.Nightly.RunAsync();

        result.Should().BeEquivalentTo(new { EmailAddressesDeleted = 1, HeldMessagesRerouted = 1, HeldMessagesMissingContactInfo = 1, HeldMessagesFailed = 0 });
    }

    [Fact]
    public async Task A_profile_changed_during_the_run_is_read_again_and_its_address_deleted()
    {
        var store = new InterferingProfileStore();
        using var h = new ProfileHarness(profileStore: store);
        await h.BorrowerWithManualEmailAsync();
        h.Time.Advance(TimeSpan.FromDays(3));
        store.BeforeNextSave = async inner => await inner.TrySaveAsync((await inner.GetAsync(_id))!.WithPreferredCulture("en"));

        var result = await h.Nightly.RunAsync();

        result.EmailAddressesDeleted.Should().Be(1);
    }

    [Fact]
    public async Task A_profile_that_keeps_changing_is_skipped_and_reported()
    {
        var store = new InterferingProfileStore();
        using var h = new ProfileHarness(profileStore: store);
        await h.BorrowerWithManualEmailAsync();
        h.Time.Advance(TimeSpan.FromDays(3));
        store.InterfereAlways = true;
        store.BeforeNextSave = async inner => await inner.TrySaveAsync((await inner.GetAsync(_id))!.WithPreferredCulture("en"));

        var result = await h.Nightly.RunAsync();

        result.Should().BeEquivalentTo(new { EmailAddressesDeleted = 0, ProfilesSkipped = 1 });
    }

    // ---- idempotency -----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_second_run_reports_nothing_done()
    {
        await SentMessageAsync();
        await _h.BorrowerWithManualEmailAsync("L-2", "b@example.dk");
        await _h.Notifier.NotifyAsync(new Notification(ProfileHarness.Borrower("L-2"), NotificationType.ReservationReady));
        _h.Time.Advance(TimeSpan.FromDays(31));
        await _h.Nightly.RunAsync();

        var second = await _h.Nightly.RunAsync();

        second.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task A_second_run_changes_no_message()
    {
        await SentMessageAsync();
        await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true, id: "L-2");
        _h.Time.Advance(TimeSpan.FromDays(31));
        await _h.Nightly.RunAsync();
        var before = (await AllMessagesAsync()).Select(m => (m.Id, m.Version)).ToList();

        await _h.Nightly.RunAsync();

        (await AllMessagesAsync()).Select(m => (m.Id, m.Version)).Should().Equal(before);
    }

    [Fact]
    public async Task The_run_logs_counts_and_no_personal_data()
    {
        await HeldMessageAsync(NotificationType.ReservationReady, withPhone: true);
        _h.Time.Advance(TimeSpan.FromDays(3));

        await _h.Nightly.RunAsync();

        _h.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 160);
        _h.AllLogText().Should().NotContainAny(Address, Phone, "20123456", "L-1001", "Kongens Fald");
    }

    private async Task<MessageId> SentMessageAsync()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Import);
        var message = (await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady))).Single();
        await _h.Dispatcher.DispatchDueAsync();
        return message.Id;
    }

    /// <summary>A borrower with an unverified manual e-mail (and optionally a notification phone), and one held message of the type.</summary>
    private async Task<MessageId> HeldMessageAsync(NotificationType type, bool withPhone, string id = "L-1001")
    {
        var borrower = ProfileHarness.Borrower(id);
        await _h.Profiles.CreateAsync(borrower);
        if (withPhone)
        {
            await _h.Profiles.AddPhoneAsync(borrower, Phone, ContactPurpose.Notification, ContactSource.Manual);
        }

        await _h.Profiles.AddEmailAsync(borrower, Address, ContactPurpose.Notification, ContactSource.Manual);
        var notification = new Notification(borrower, type) { Data = new Dictionary<string, object?> { ["title"] = "Kongens Fald", ["pickup_by"] = "2026-03-20" } };
        var created = await _h.Notifier.NotifyAsync(notification);
        created.Should().ContainSingle().Which.IsHeld.Should().BeTrue("the arrangement needs one held message");
        return created[0].Id;
    }

    /// <summary>Changes the borrower's profile in the store only, as if the process stopped before handling its held messages.</summary>
    private async Task SaveProfileAsync(Func<BorrowerProfile, BorrowerProfile> change, string id = "L-1001")
    {
        var profile = (await _h.ProfileStore.GetAsync(ProfileHarness.Borrower(id)))!;
        (await _h.ProfileStore.TrySaveAsync(change(profile))).Should().NotBeNull();
    }

    private async Task<IReadOnlyList<Message>> AllMessagesAsync()
        => [.. (await _h.MessagesOfAsync("L-1001")).Concat(await _h.MessagesOfAsync("L-2"))];
}
