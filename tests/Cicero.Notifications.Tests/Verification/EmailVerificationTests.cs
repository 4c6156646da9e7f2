using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Borrowers;
using Cicero.Notifications.Verification;

namespace Cicero.Notifications.Tests.Verification;

public sealed class EmailVerificationTests : IDisposable
{
    private const string Address = "laaner@example.dk";
    private readonly ProfileHarness _h = new();
    private readonly BorrowerId _id = ProfileHarness.Borrower();

    public void Dispose() => _h.Dispose();

    // ---- rule 11: the verification message --------------------------------------------------------------------

    [Fact]
    public async Task Adding_a_manual_notification_email_creates_one_pending_verification_message_to_it()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);

        var message = await _h.MessageAsync(added.VerificationMessageId!.Value);

        message.Should().BeEquivalentTo(new { Type = NotificationType.EmailVerification, Protocol = Protocol.Email, Status = MessageStatus.Pending, IsHeld = false, NextAttemptAt = (DateTimeOffset?)ProfileHarness.Start, Recipient = new { Kind = RecipientKind.Email, Value = Address } });
    }

    [Fact]
    public async Task The_verification_message_is_the_only_message_created_by_adding_the_address()
    {
        await _h.BorrowerWithManualEmailAsync();

        var messages = await _h.MessagesOfAsync();

        messages.Should().ContainSingle().Which.Type.Should().Be(NotificationType.EmailVerification);
    }

    [Fact]
    public async Task The_dispatcher_sends_the_verification_message_to_the_unverified_address()
    {
        await _h.BorrowerWithManualEmailAsync(email: Address);

        await _h.Dispatcher.DispatchDueAsync();

        _h.Email.Sent.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Type = NotificationType.EmailVerification, Recipient = new { Value = Address } });
    }

    [Fact]
    public async Task The_link_is_the_configured_base_url_with_the_token_as_query()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var link = await _h.LinkInAsync(added.VerificationMessageId!.Value);

        link.GetLeftPart(UriPartial.Path).Should().Be(ProfileHarness.BaseUrl);
    }

    [Fact]
    public async Task The_verification_mail_tells_when_the_address_expires_in_Copenhagen_time()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var body = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body;

        body.Should().Contain("expires_at=2026-03-13T10:00:00.0000000+01:00");
    }

    [Fact]
    public async Task The_verification_message_is_rendered_in_the_borrowers_language()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.SetPreferredCultureAsync(_id, "en-GB");

        var added = await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Manual);

        (await _h.MessageAsync(added.VerificationMessageId!.Value)).Culture.Should().Be("en-GB");
    }

    [Fact]
    public async Task The_template_data_holding_the_link_is_not_kept_with_the_message()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var content = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!;

        content.TemplateData.Should().BeNull();
    }

    [Fact]
    public async Task A_verification_template_that_fails_refuses_the_address_and_changes_nothing()
    {
        _h.Renderer.FailingProtocols.Add(Protocol.Email);
        await _h.Profiles.CreateAsync(_id);

        var act = () => _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Manual);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*verification message could not be rendered*");
        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Should().BeEmpty();
    }

    // ---- rule 14: imported and migrated addresses ------------------------------------------------------------

    [Theory]
    [InlineData(ContactSource.Import)]
    [InlineData(ContactSource.Migrated)]
    public async Task An_imported_or_migrated_email_gets_no_verification_message(ContactSource source)
    {
        await _h.Profiles.CreateAsync(_id);

        var added = await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, source);

        added.VerificationSent.Should().BeFalse();
        (await _h.MessagesOfAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task An_imported_email_receives_notifications_at_once()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Import);

        var created = await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady));

        created.Should().ContainSingle().Which.IsHeld.Should().BeFalse();
    }

    [Fact]
    public async Task A_manual_email_not_for_notifications_gets_no_verification_message()
    {
        await _h.Profiles.CreateAsync(_id);

        var added = await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Other, ContactSource.Manual);

        added.VerificationSent.Should().BeFalse();
    }

    // ---- rule 15: tokens ---------------------------------------------------------------------------------------

    [Fact]
    public async Task A_token_carries_256_random_bits_in_base64url()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);

        Base64Url.DecodeFromChars(token).Should().HaveCount(32);
    }

    [Fact]
    public async Task Two_addresses_get_different_tokens()
    {
        var first = await _h.BorrowerWithManualEmailAsync("L-1", "a@example.dk");
        var second = await _h.BorrowerWithManualEmailAsync("L-2", "a@example.dk");

        var tokens = new[] { await _h.TokenInAsync(first.VerificationMessageId!.Value), await _h.TokenInAsync(second.VerificationMessageId!.Value) };

        tokens.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Only_the_sha256_hash_of_the_token_is_stored_with_the_address()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);

        var stored = (await _h.ProfileStore.GetAsync(_id))!.ContactPoints.Single().VerificationTokenHash;

        stored.Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))));
    }

    // ---- rules 12 and 15: verifying ----------------------------------------------------------------------------

    [Fact]
    public async Task A_valid_token_verifies_the_address()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        _h.Time.Advance(TimeSpan.FromHours(5));

        var result = await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        result.Should().Be(VerificationResult.Verified);
        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Single().Should().BeEquivalentTo(new { VerifiedAt = (DateTimeOffset?)ProfileHarness.Start.AddHours(5), IsAwaitingVerification = false });
    }

    [Fact]
    public async Task A_held_email_message_is_not_sent_before_the_address_is_verified()
    {
        await _h.BorrowerWithManualEmailAsync();
        await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady));

        await _h.Dispatcher.DispatchDueAsync();

        _h.Email.Sent.Select(m => m.Type).Should().Equal(NotificationType.EmailVerification);
    }

    [Fact]
    public async Task A_held_email_message_is_sent_by_the_first_dispatch_after_verification()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady));
        await _h.Dispatcher.DispatchDueAsync();
        _h.Time.Advance(TimeSpan.FromHours(1));
        await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        await _h.Dispatcher.DispatchDueAsync();

        _h.Email.Sent.Select(m => m.Type).Should().Equal(NotificationType.EmailVerification, NotificationType.ReservationReady);
    }

    [Fact]
    public async Task A_released_message_records_the_verification_in_its_history()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var held = (await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady))).Single();

        await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        (await _h.MessageAsync(held.Id)).History.Last().Should().BeEquivalentTo(new { Event = MessageEvent.Released, Reason = "The e-mail address was verified." });
    }

    [Fact]
    public async Task An_unknown_token_is_unknown()
    {
        await _h.BorrowerWithManualEmailAsync();

        var result = await _h.Verification.VerifyEmailAsync(Base64Url.EncodeToString(new byte[32]));

        result.Should().Be(VerificationResult.Unknown);
    }

    [Fact]
    public async Task A_used_token_says_already_verified_the_second_time()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        await _h.Verification.VerifyEmailAsync(token);

        var result = await _h.Verification.VerifyEmailAsync(token);

        result.Should().Be(VerificationResult.AlreadyVerified);
    }

    [Fact]
    public async Task A_used_token_changes_nothing_the_second_time()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        await _h.Verification.VerifyEmailAsync(token);
        var before = await _h.ProfileStore.GetAsync(_id);
        _h.Time.Advance(TimeSpan.FromHours(1));

        await _h.Verification.VerifyEmailAsync(token);

        (await _h.ProfileStore.GetAsync(_id))!.ContactPoints.Single().VerifiedAt.Should().Be(before!.ContactPoints.Single().VerifiedAt);
    }

    [Fact]
    public async Task A_used_token_says_already_verified_even_after_the_window()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        await _h.Verification.VerifyEmailAsync(token);
        _h.Time.Advance(TimeSpan.FromDays(30));

        var result = await _h.Verification.VerifyEmailAsync(token);

        result.Should().Be(VerificationResult.AlreadyVerified);
    }

    [Fact]
    public async Task A_token_of_a_removed_address_is_unknown()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        await _h.Verification.VerifyEmailAsync(token);
        await _h.Profiles.RemoveEmailAsync(_id, Address);

        var result = await _h.Verification.VerifyEmailAsync(token);

        result.Should().Be(VerificationResult.Unknown);
    }

    // ---- the check a verification page makes on a GET (mail scanners open links too) ------------------------

    [Fact]
    public async Task Checking_a_valid_token_says_valid()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        var status = await _h.Verification.CheckAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        status.Should().Be(VerificationTokenStatus.Valid);
    }

    [Fact]
    public async Task Checking_a_token_does_not_use_it()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        await _h.Verification.CheckAsync(token);
        await _h.Verification.CheckAsync(token);

        var result = await _h.Verification.VerifyEmailAsync(token);

        result.Should().Be(VerificationResult.Verified);
    }

    [Fact]
    public async Task Checking_a_token_leaves_the_address_unverified_and_its_messages_held()
    {
        var added = await _h.BorrowerWithManualEmailAsync();

        await _h.Verification.CheckAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Single().IsAwaitingVerification.Should().BeTrue();
    }

    [Fact]
    public async Task Checking_a_used_token_says_already_verified()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        await _h.Verification.VerifyEmailAsync(token);

        var status = await _h.Verification.CheckAsync(token);

        status.Should().Be(VerificationTokenStatus.AlreadyVerified);
    }

    [Fact]
    public async Task Checking_an_expired_token_says_expired()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        _h.Time.Advance(TimeSpan.FromDays(3));

        var status = await _h.Verification.CheckAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        status.Should().Be(VerificationTokenStatus.Expired);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Checking_an_unknown_or_malformed_token_says_unknown(string? token)
    {
        await _h.BorrowerWithManualEmailAsync();

        var status = await _h.Verification.CheckAsync(token);

        status.Should().Be(VerificationTokenStatus.Unknown);
    }

    [Fact]
    public async Task A_token_still_works_a_second_before_its_address_expires()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        _h.Time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));

        var result = await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        result.Should().Be(VerificationResult.Verified);
    }

    [Fact]
    public async Task An_expired_token_is_expired()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        _h.Time.Advance(TimeSpan.FromDays(3));

        var result = await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        result.Should().Be(VerificationResult.Expired);
    }

    [Fact]
    public async Task An_expired_token_leaves_the_address_unverified()
    {
        var added = await _h.BorrowerWithManualEmailAsync();
        _h.Time.Advance(TimeSpan.FromDays(4));

        await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        (await _h.Profiles.GetAsync(_id))!.ContactPoints.Single().IsAwaitingVerification.Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public async Task A_malformed_token_is_unknown(string? token)
    {
        await _h.BorrowerWithManualEmailAsync();

        var result = await _h.Verification.VerifyEmailAsync(token);

        result.Should().Be(VerificationResult.Unknown);
    }

    [Fact]
    public async Task A_very_long_token_is_unknown()
    {
        await _h.BorrowerWithManualEmailAsync();

        var result = await _h.Verification.VerifyEmailAsync(new string('A', 100_000));

        result.Should().Be(VerificationResult.Unknown);
    }

    [Fact]
    public async Task A_token_verifies_only_the_address_it_was_issued_for()
    {
        var mine = await _h.BorrowerWithManualEmailAsync("L-1", "a@example.dk");
        await _h.BorrowerWithManualEmailAsync("L-2", "b@example.dk");

        await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(mine.VerificationMessageId!.Value));

        (await _h.Profiles.GetAsync(ProfileHarness.Borrower("L-2")))!.ContactPoints.Single().IsAwaitingVerification.Should().BeTrue();
    }

    [Fact]
    public async Task Verifying_releases_only_the_messages_held_for_that_address()
    {
        await _h.Profiles.CreateAsync(_id);
        var first = await _h.Profiles.AddEmailAsync(_id, "a@example.dk", ContactPurpose.Notification, ContactSource.Manual);
        await _h.Profiles.AddEmailAsync(_id, "b@example.dk", ContactPurpose.Notification, ContactSource.Manual);
        await _h.Notifier.NotifyAsync(new Notification(_id, NotificationType.ReservationReady));

        await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(first.VerificationMessageId!.Value));

        (await _h.Messages.ListHeldAsync(_id, null)).Should().ContainSingle().Which.Recipient!.Value.Should().Be("b@example.dk");
    }

    [Fact]
    public async Task Verification_retries_when_the_profile_changed_meanwhile()
    {
        var store = new InterferingProfileStore();
        using var h = new ProfileHarness(profileStore: store);
        var added = await h.BorrowerWithManualEmailAsync();
        store.BeforeNextSave = async inner => await inner.TrySaveAsync((await inner.GetAsync(_id))!.WithPreferredCulture("en"));

        var result = await h.Verification.VerifyEmailAsync(await h.TokenInAsync(added.VerificationMessageId!.Value));

        result.Should().Be(VerificationResult.Verified);
    }

    // ---- beyond Cicero: staff resend ---------------------------------------------------------------------------

    [Fact]
    public async Task Resending_creates_a_new_verification_message_with_a_new_token()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);

        var resent = await _h.Profiles.ResendVerificationAsync(_id, Address);

        (await _h.TokenInAsync(resent.VerificationMessageId!.Value)).Should().NotBe(await _h.TokenInAsync(added.VerificationMessageId!.Value));
    }

    [Fact]
    public async Task After_a_resend_the_old_token_no_longer_works()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);
        await _h.Profiles.ResendVerificationAsync(_id, Address);

        var result = await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(added.VerificationMessageId!.Value));

        result.Should().Be(VerificationResult.Unknown);
    }

    [Fact]
    public async Task After_a_resend_the_new_token_works()
    {
        await _h.BorrowerWithManualEmailAsync(email: Address);
        var resent = await _h.Profiles.ResendVerificationAsync(_id, Address);

        var result = await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(resent.VerificationMessageId!.Value));

        result.Should().Be(VerificationResult.Verified);
    }

    [Fact]
    public async Task A_resend_restarts_the_verification_window()
    {
        await _h.BorrowerWithManualEmailAsync(email: Address);
        _h.Time.Advance(TimeSpan.FromDays(2));

        var resent = await _h.Profiles.ResendVerificationAsync(_id, Address);

        resent.Profile.ContactPoints.Single().ExpiresAt.Should().Be(ProfileHarness.Start.AddDays(5));
    }

    [Fact]
    public async Task A_token_resent_after_the_first_window_works_beyond_it()
    {
        await _h.BorrowerWithManualEmailAsync(email: Address);
        _h.Time.Advance(TimeSpan.FromDays(2));
        var resent = await _h.Profiles.ResendVerificationAsync(_id, Address);
        _h.Time.Advance(TimeSpan.FromDays(2));

        var result = await _h.Verification.VerifyEmailAsync(await _h.TokenInAsync(resent.VerificationMessageId!.Value));

        result.Should().Be(VerificationResult.Verified);
    }

    [Fact]
    public async Task A_resend_stops_the_earlier_verification_message_before_it_is_sent()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);

        await _h.Profiles.ResendVerificationAsync(_id, Address);

        var earlier = await _h.MessageAsync(added.VerificationMessageId!.Value);
        earlier.Should().BeEquivalentTo(new { Status = MessageStatus.Failed, IsDismissed = true, LastFailure = new { Kind = MessageFailureKind.Superseded } });
    }

    [Fact]
    public async Task After_a_resend_only_the_new_verification_message_goes_out()
    {
        await _h.BorrowerWithManualEmailAsync(email: Address);
        var resent = await _h.Profiles.ResendVerificationAsync(_id, Address);

        await _h.Dispatcher.DispatchDueAsync();

        _h.Email.Sent.Should().ContainSingle().Which.Id.Should().Be(resent.VerificationMessageId!.Value);
    }

    [Fact]
    public async Task A_stopped_verification_message_does_not_enter_the_message_queue()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);

        await _h.Profiles.ResendVerificationAsync(_id, Address);

        (await _h.MessageAsync(added.VerificationMessageId!.Value)).NeedsStaff.Should().BeFalse();
    }

    [Fact]
    public async Task A_verified_address_gets_no_resend()
    {
        await _h.Profiles.CreateAsync(_id);
        await _h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Import);

        var act = () => _h.Profiles.ResendVerificationAsync(_id, Address);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*awaiting verification*");
    }

    // ---- the stored verification message keeps no token once it will not be sent again ---------------------------

    [Fact]
    public async Task A_sent_verification_message_is_stored_without_its_token_and_the_borrowers_copy_still_works()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);
        var id = added.VerificationMessageId!.Value;
        var token = await _h.TokenInAsync(id);
        var original = (await _h.MessageAsync(id)).Content!.Body;

        await _h.Dispatcher.DispatchDueAsync();

        (await _h.MessageAsync(id)).Should().BeEquivalentTo(new { Status = MessageStatus.Sent, Content = new { Body = original.Replace(token, VerificationLink.RemovedToken, StringComparison.Ordinal) } });
        _h.Email.Sent.Single().Body.Should().Contain("token=" + token);
        (await _h.Verification.VerifyEmailAsync(token)).Should().Be(VerificationResult.Verified);
    }

    [Fact]
    public async Task A_verification_message_that_gave_up_is_stored_without_its_token()
    {
        var id = await FailVerificationUntilGivenUpAsync();

        var body = (await _h.MessageAsync(id)).Content!.Body;

        body.Should().Contain("token=" + VerificationLink.RemovedToken).And.NotMatchRegex("token=[A-Za-z0-9_-]{43}");
    }

    [Fact]
    public async Task A_verification_message_stopped_by_a_resend_is_stored_without_its_token()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        var original = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body;

        await _h.Profiles.ResendVerificationAsync(_id, Address);

        (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body.Should().Be(original.Replace(token, VerificationLink.RemovedToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verification_message_waiting_to_be_sent_keeps_its_token()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);

        var body = (await _h.MessageAsync(added.VerificationMessageId!.Value)).Content!.Body;

        body.Should().MatchRegex("token=[A-Za-z0-9_-]{43}");
    }

    // ---- the verification message never enters the message queue ----------------------------------------------

    [Fact]
    public async Task A_failing_verification_message_is_tried_12_times()
    {
        await FailVerificationUntilGivenUpAsync();

        var attempts = _h.Email.Sent.Select(m => m.Attempt);

        attempts.Should().Equal(Enumerable.Range(1, 12));
    }

    [Fact]
    public async Task A_failing_verification_message_is_tried_5_minutes_apart()
    {
        await FailVerificationUntilGivenUpAsync();

        var times = _h.Email.SentAt;

        times.Should().Equal(Enumerable.Range(0, 12).Select(i => ProfileHarness.Start + (i * TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public async Task A_verification_message_that_gave_up_is_failed_and_dismissed()
    {
        var id = await FailVerificationUntilGivenUpAsync();

        var message = await _h.MessageAsync(id);

        message.Should().BeEquivalentTo(new { Status = MessageStatus.Failed, IsDismissed = true, AttemptCount = 12, LastFailure = new { Kind = MessageFailureKind.RetriesExhausted } });
    }

    [Fact]
    public async Task A_verification_message_that_gave_up_is_not_in_the_message_queue()
    {
        await FailVerificationUntilGivenUpAsync();

        var queue = await _h.Messages.ListQueueAsync(MessageQueueFilter.All, new PageRequest());

        queue.Items.Should().BeEmpty();
    }

    // ---- configuration ---------------------------------------------------------------------------------------------

    [Fact]
    public void A_library_that_sends_email_must_configure_the_verification_base_url()
    {
        var act = () => new ProfileHarness(o => o.Verification.BaseUrl = null);

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Verification.BaseUrl is required because notification type '*' uses Email*");
    }

    [Fact]
    public void A_library_without_email_needs_no_verification_base_url()
    {
        var act = () => new ProfileHarness(o =>
        {
            o.Verification.BaseUrl = null;
            o.Types.Clear();
            o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Sms } };
        }).Dispose();

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData("http://bibliotek.example.dk/bekraeft", "*must use https*")]
    [InlineData("https://bibliotek.example.dk/bekraeft?lang=da", "*no query*")]
    [InlineData("https://bibliotek.example.dk/bekraeft#top", "*no query, fragment*")]
    public void A_verification_base_url_that_cannot_carry_a_token_safely_fails_at_start(string url, string message)
    {
        var act = () => new ProfileHarness(o => o.Verification.BaseUrl = new Uri(url));

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage(message);
    }

    [Fact]
    public void A_verification_base_url_on_localhost_may_use_http()
    {
        var act = () => new ProfileHarness(o => o.Verification.BaseUrl = new Uri("http://localhost:5000/verify")).Dispose();

        act.Should().NotThrow();
    }

    [Fact]
    public async Task Without_a_base_url_a_manual_email_is_refused_and_nothing_changes()
    {
        using var h = new ProfileHarness(o =>
        {
            o.Verification.BaseUrl = null;
            o.Types.Clear();
        });
        await h.Profiles.CreateAsync(_id);

        var act = () => h.Profiles.AddEmailAsync(_id, Address, ContactPurpose.Notification, ContactSource.Manual);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*Verification.BaseUrl is not set*");
        (await h.Profiles.GetAsync(_id))!.ContactPoints.Should().BeEmpty();
    }

    // ---- personal data -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Verification_logs_neither_the_token_nor_the_address()
    {
        var added = await _h.BorrowerWithManualEmailAsync(email: Address);
        var token = await _h.TokenInAsync(added.VerificationMessageId!.Value);
        await _h.Dispatcher.DispatchDueAsync();
        await _h.Verification.CheckAsync(token);
        await _h.Verification.VerifyEmailAsync(token);
        await _h.Verification.VerifyEmailAsync(token);

        var logged = _h.AllLogText();

        _h.Logs.Count.Should().BePositive("the check must look at real log records");
        logged.Should().NotContainAny(token, Address, "L-1001");
    }

    private async Task<MessageId> FailVerificationUntilGivenUpAsync()
    {
        _h.Email.Otherwise = _ => DeliveryResult.TransientFailure("SMTP 451 try again later");
        var added = await _h.BorrowerWithManualEmailAsync();
        for (var minute = 0; minute <= 70; minute++)
        {
            await _h.Dispatcher.DispatchDueAsync();
            _h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        return added.VerificationMessageId!.Value;
    }
}
