using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>Rules 1–3: a message, its statuses, every transition, its history and <see cref="Message.ChangedAt"/>.</summary>
public sealed class MessageTests
{
    private const string Staff = "staff-42";
    private const string Body = "Hej Hans, velkommen til biblioteket.";
    private const string Subject = "Velkommen til Aarhus Bibliotekerne";

    // Why an illegal transition is refused, as the refusal says it.
    private const string NotPending = "only a Pending message can be delivered";
    private const string Held = "the message is held until its e-mail address is verified";
    private const string Anonymized = "the message is anonymized";
    private const string CannotFail = "only a Pending message can fail";
    private const string NotHeld = "only a held message can be released";
    private const string CannotLoseContact = "only a Pending message can lose its contact information";
    private const string CannotRetry = "only a Failed or MissingContactInfo message can be retried";
    private const string NoContent = "the message has no content to send";
    private const string CannotReroute = "only a Failed, MissingContactInfo or held message can be moved to another protocol";
    private const string CannotHandle = "only a Failed or MissingContactInfo message can be handled by hand";
    private const string CannotDismiss = "only a Failed message in the queue can be dismissed";

    private static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);
    private static readonly DateTimeOffset T2 = T0.AddHours(2);
    private static readonly DateTimeOffset T3 = T0.AddDays(1);
    private static readonly DateTimeOffset T4 = T0.AddDays(2);

    private static readonly MessageId Id = MessageId.Parse("0195581a-6a00-7c3e-9a51-3f0e2b7d4c11");
    private static readonly BorrowerId Borrower = BorrowerId.Parse("B-1001");
    private static readonly MessageRecipient Phone = MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56"));
    private static readonly MessageRecipient Email = MessageRecipient.Email(EmailAddress.Parse("hans@example.dk"));
    private static readonly MessageContent Content = new(Subject, Body, """{"name":"Hans"}""");
    private static readonly MessageContent PrintContent = new(Subject, "Kære Hans, velkommen til biblioteket.", null);
    private static readonly MessageFailure Rejected = new(MessageFailureKind.Rejected, "The provider refused the number.");
    private static readonly Protocol Print = Protocol.Parse("Print");

    // ---- creation ------------------------------------------------------------------------------------------

    [Fact]
    public void A_new_message_is_Pending_and_due_at_its_creation()
    {
        var message = PendingSms();

        message.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, NextAttemptAt = (DateTimeOffset?)T0, CreatedAt = T0, ChangedAt = T0, AttemptCount = 0, IsHeld = false });
    }

    [Fact]
    public void Its_times_are_the_same_instants_in_utc()
    {
        var message = PendingSms().ScheduleRetry(T1, "The provider is busy.", T2);

        new[] { message.CreatedAt, message.ChangedAt, message.NextAttemptAt!.Value }.Should().Equal(T0, T0, T2);
        new[] { message.CreatedAt, message.ChangedAt, message.NextAttemptAt.Value }.Should().OnlyContain(t => t.Offset == TimeSpan.Zero);
    }

    [Fact]
    public void A_postponed_message_waits_with_the_channels_reason_and_spends_no_attempt()
    {
        var retried = PendingSms().ScheduleRetry(T1, "Gateway timeout.", T2);

        var postponed = retried.Postpone(T2, "HTTP 401: unauthorized; check the API key", T3);

        (postponed.Status, postponed.AttemptCount, postponed.NextAttemptAt, postponed.ChangedAt, postponed.LastFailure)
            .Should().Be((MessageStatus.Pending, 1, T3, retried.ChangedAt, new MessageFailure(MessageFailureKind.Transient, "HTTP 401: unauthorized; check the API key")));
        postponed.History[^1].Should().Match<MessageHistoryEntry>(e => e.Event == MessageEvent.RetryScheduled && e.Reason == "HTTP 401: unauthorized; check the API key" && e.At == T2);
    }

    [Fact]
    public void A_new_message_has_the_version_a_store_gives_it_so_adding_it_needs_no_copy()
    {
        var message = PendingSms();

        message.Version.Should().Be(1);
        message.WithVersion(1).Should().BeSameAs(message);
        message.WithVersion(2).Should().BeEquivalentTo(message, o => o.Excluding(m => m.Version)).And.Match<Message>(m => m.Version == 2);
    }

    [Fact]
    public void A_new_message_records_its_creation_by_the_system_in_its_history()
    {
        var message = PendingSms();

        message.History.Should().Equal(new MessageHistoryEntry(MessageEvent.Created, MessageStatus.Pending, MessageStatus.Pending, T0, MessageHistoryEntry.SystemActor, null));
    }

    [Fact]
    public void A_new_message_with_a_later_not_before_time_is_due_then()
    {
        var message = Message.CreatePending(Id, Borrower, NotificationType.DueDateReminder, Protocol.Sms, Phone, Content, "da-DK", T0, notBefore: T3);

        message.NextAttemptAt.Should().Be(T3);
    }

    [Fact]
    public void A_not_before_time_in_the_past_makes_the_message_due_at_once()
    {
        var message = Message.CreatePending(Id, Borrower, NotificationType.DueDateReminder, Protocol.Sms, Phone, Content, "da-DK", T0, notBefore: T0.AddHours(-1));

        message.NextAttemptAt.Should().Be(T0);
    }

    [Fact]
    public void A_message_to_an_email_address_can_be_held_for_verification()
    {
        var message = HeldEmail();

        message.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, IsHeld = true, Recipient = Email });
    }

    [Fact]
    public void Creating_a_held_message_records_why_it_is_held()
    {
        var message = HeldEmail();

        message.History.Single().Reason.Should().Be("Held until the e-mail address is verified.");
    }

    [Fact]
    public void A_message_to_a_phone_number_cannot_be_held()
    {
        var act = () => Message.CreatePending(Id, Borrower, NotificationType.WelcomeBorrower, Protocol.Sms, Phone, Content, "da-DK", T0, held: true);

        act.Should().Throw<ArgumentException>().WithParameterName("held")
            .WithMessage("Only a message to an e-mail address can be held for verification. (Parameter 'held')");
    }

    [Fact]
    public void A_message_without_a_recipient_cannot_be_held()
    {
        var act = () => Message.CreatePending(Id, Borrower, NotificationType.WelcomeBorrower, Print, null, Content, "da-DK", T0, held: true);

        act.Should().Throw<ArgumentException>().WithParameterName("held");
    }

    [Fact]
    public void A_message_with_the_empty_id_is_refused()
    {
        var act = () => Message.CreatePending(default, Borrower, NotificationType.WelcomeBorrower, Protocol.Sms, Phone, Content, "da-DK", T0);

        act.Should().Throw<ArgumentException>().WithParameterName("id").WithMessage("The message id is empty. (Parameter 'id')");
    }

    [Fact]
    public void A_message_without_content_is_refused()
    {
        var act = () => Message.CreatePending(Id, Borrower, NotificationType.WelcomeBorrower, Protocol.Sms, Phone, null!, "da-DK", T0);

        act.Should().Throw<ArgumentNullException>().WithParameterName("content");
    }

    [Fact]
    public void A_message_without_a_borrower_is_refused()
    {
        var act = () => Message.CreatePending(Id, null!, NotificationType.WelcomeBorrower, Protocol.Sms, Phone, Content, "da-DK", T0);

        act.Should().Throw<ArgumentNullException>().WithParameterName("borrowerId");
    }

    [Fact]
    public void A_message_without_a_type_is_refused()
    {
        var act = () => Message.CreateMissingContactInfo(Id, Borrower, null!, Protocol.Sms, Content, "da-DK", T0);

        act.Should().Throw<ArgumentNullException>().WithParameterName("type");
    }

    [Fact]
    public void A_message_without_a_protocol_is_refused()
    {
        var act = () => Message.CreateMissingContactInfo(Id, Borrower, NotificationType.WelcomeBorrower, null!, Content, "da-DK", T0);

        act.Should().Throw<ArgumentNullException>().WithParameterName("protocol");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_message_without_a_culture_is_refused(string culture)
    {
        var act = () => Message.CreatePending(Id, Borrower, NotificationType.WelcomeBorrower, Protocol.Sms, Phone, Content, culture, T0);

        act.Should().Throw<ArgumentException>().WithParameterName("culture");
    }

    [Fact]
    public void A_message_for_a_borrower_without_contact_information_is_created_MissingContactInfo_and_not_due()
    {
        var message = MissingContactInfo();

        message.Should().BeEquivalentTo(new { Status = MessageStatus.MissingContactInfo, Recipient = (MessageRecipient?)null, NextAttemptAt = (DateTimeOffset?)null, NeedsStaff = false });
    }

    [Fact]
    public void A_MissingContactInfo_message_records_why_in_its_history()
    {
        var message = MissingContactInfo();

        message.History.Should().Equal(new MessageHistoryEntry(MessageEvent.Created, MessageStatus.MissingContactInfo, MessageStatus.MissingContactInfo, T0, MessageHistoryEntry.SystemActor, "The borrower has no address for any of the type's protocols."));
    }

    // ---- legal transitions and what they record -----------------------------------------------------------

    [Fact]
    public void Delivering_a_Pending_message_makes_it_Sent()
    {
        var delivered = PendingSms().MarkDelivered(T1, "provider-7");

        delivered.Should().BeEquivalentTo(new { Status = MessageStatus.Sent, AttemptCount = 1, ProviderMessageId = "provider-7", NextAttemptAt = (DateTimeOffset?)null });
    }

    [Fact]
    public void Delivering_records_the_delivery_by_the_system()
    {
        var delivered = PendingSms().MarkDelivered(T1);

        delivered.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Delivered, MessageStatus.Pending, MessageStatus.Sent, T1, MessageHistoryEntry.SystemActor, null));
    }

    [Fact]
    public void Scheduling_a_retry_keeps_the_message_Pending_and_due_at_the_next_attempt()
    {
        var retrying = PendingSms().ScheduleRetry(T1, "Gateway timeout.", T2);

        retrying.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, AttemptCount = 1, NextAttemptAt = (DateTimeOffset?)T2, LastFailure = new MessageFailure(MessageFailureKind.Transient, "Gateway timeout.") });
    }

    [Fact]
    public void Scheduling_a_retry_records_the_reason_without_a_status_change()
    {
        var retrying = PendingSms().ScheduleRetry(T1, "Gateway timeout.", T2);

        retrying.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.RetryScheduled, MessageStatus.Pending, MessageStatus.Pending, T1, MessageHistoryEntry.SystemActor, "Gateway timeout."));
    }

    [Fact]
    public void Failing_a_Pending_message_makes_it_Failed_and_puts_it_in_front_of_staff()
    {
        var failed = PendingSms().MarkFailed(T1, Rejected);

        failed.Should().BeEquivalentTo(new { Status = MessageStatus.Failed, NeedsStaff = true, AttemptCount = 1, LastFailure = Rejected, NextAttemptAt = (DateTimeOffset?)null });
    }

    [Fact]
    public void Failing_records_the_failure_reason()
    {
        var failed = PendingSms().MarkFailed(T1, Rejected);

        failed.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Failed, MessageStatus.Pending, MessageStatus.Failed, T1, MessageHistoryEntry.SystemActor, Rejected.Reason));
    }

    [Fact]
    public void Failing_without_an_attempt_does_not_count_an_attempt()
    {
        var failed = PendingSms().MarkFailed(T1, new MessageFailure(MessageFailureKind.TemplateFailed, "The template failed."), attempted: false);

        failed.AttemptCount.Should().Be(0);
    }

    [Fact]
    public void Releasing_a_held_message_makes_it_due_at_once()
    {
        var released = HeldEmail().Release(T3);

        released.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, IsHeld = false, NextAttemptAt = (DateTimeOffset?)T3 });
    }

    [Fact]
    public void Releasing_records_that_the_address_was_verified()
    {
        var released = HeldEmail().Release(T3);

        released.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Released, MessageStatus.Pending, MessageStatus.Pending, T3, MessageHistoryEntry.SystemActor, "The e-mail address was verified."));
    }

    [Fact]
    public void A_held_message_whose_address_expired_becomes_MissingContactInfo_without_its_recipient()
    {
        var missing = HeldEmail().MarkMissingContactInfo(T4, "The e-mail address was not verified in time.");

        missing.Should().BeEquivalentTo(new { Status = MessageStatus.MissingContactInfo, Recipient = (MessageRecipient?)null, IsHeld = false, NextAttemptAt = (DateTimeOffset?)null });
    }

    [Fact]
    public void Losing_the_contact_information_records_the_reason()
    {
        var missing = HeldEmail().MarkMissingContactInfo(T4, "The e-mail address was not verified in time.");

        missing.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.ContactMissing, MessageStatus.Pending, MessageStatus.MissingContactInfo, T4, MessageHistoryEntry.SystemActor, "The e-mail address was not verified in time."));
    }

    [Fact]
    public void Retrying_a_Failed_message_makes_it_Pending_due_at_once_with_a_fresh_attempt_budget()
    {
        var retried = FailedSms().Retry(T2, Staff);

        retried.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, AttemptCount = 0, NextAttemptAt = (DateTimeOffset?)T2, Recipient = Phone, Content });
    }

    [Fact]
    public void Retrying_records_the_staff_member_and_the_note()
    {
        var retried = FailedSms().Retry(T2, Staff, "The borrower confirmed the number.");

        retried.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Retried, MessageStatus.Failed, MessageStatus.Pending, T2, Staff, "The borrower confirmed the number."));
    }

    [Fact]
    public void Retrying_a_dismissed_message_brings_it_back_undismissed()
    {
        var retried = FailedSms().Dismiss(T2, Staff).Retry(T3, Staff);

        retried.IsDismissed.Should().BeFalse();
    }

    [Fact]
    public void Rerouting_or_handling_a_dismissed_message_by_hand_brings_it_back_undismissed()
    {
        var dismissed = FailedSms().Dismiss(T2, Staff);

        var rerouted = dismissed.Reroute(T3, Staff, Protocol.Email, Email, Content);
        var handled = dismissed.MarkHandledManually(T3, Staff, "Printed and posted.");

        (rerouted.IsDismissed, handled.IsDismissed).Should().Be((false, false));
    }

    [Fact]
    public void Retrying_a_MissingContactInfo_message_with_a_new_recipient_sends_it_there()
    {
        var retried = MissingContactInfo().Retry(T2, Staff, recipient: Phone);

        retried.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, Recipient = Phone, NextAttemptAt = (DateTimeOffset?)T2 });
    }

    [Fact]
    public void Retrying_a_Failed_message_with_a_new_recipient_sends_it_there()
    {
        var otherPhone = MessageRecipient.Phone(PhoneNumber.Parse("30 12 34 56"));

        var retried = FailedSms().Retry(T2, Staff, recipient: otherPhone);

        retried.Recipient.Should().Be(otherPhone);
    }

    [Fact]
    public void Retrying_a_MissingContactInfo_message_records_the_transition()
    {
        var retried = MissingContactInfo().Retry(T2, Staff, "Phone number added.", recipient: Phone);

        retried.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Retried, MessageStatus.MissingContactInfo, MessageStatus.Pending, T2, Staff, "Phone number added."));
    }

    [Fact]
    public void Rerouting_a_Failed_message_moves_it_to_the_new_protocol_due_at_once()
    {
        var rerouted = FailedSms().Reroute(T2, Staff, Print, null, PrintContent);

        rerouted.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, Protocol = Print, Recipient = (MessageRecipient?)null, Content = PrintContent, AttemptCount = 0, NextAttemptAt = (DateTimeOffset?)T2 });
    }

    [Fact]
    public void Rerouting_records_where_the_message_came_from_and_went_to()
    {
        var rerouted = FailedSms().Reroute(T2, Staff, Print, null, PrintContent, "Borrower prefers letters.");

        rerouted.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Rerouted, MessageStatus.Failed, MessageStatus.Pending, T2, Staff, "Moved from Sms to Print. Borrower prefers letters."));
    }

    [Fact]
    public void Rerouting_a_MissingContactInfo_message_makes_it_Pending_on_the_new_protocol()
    {
        var rerouted = MissingContactInfo().Reroute(T2, Staff, Protocol.Email, Email, Content);

        rerouted.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, Protocol = Protocol.Email, Recipient = Email });
    }

    [Fact]
    public void Rerouting_a_held_message_whose_address_expired_releases_it_on_the_new_protocol()
    {
        var rerouted = HeldEmail().Reroute(T4, MessageHistoryEntry.SystemActor, Print, null, PrintContent);

        rerouted.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, Protocol = Print, IsHeld = false, NextAttemptAt = (DateTimeOffset?)T4 });
    }

    [Fact]
    public void Rerouting_a_held_message_records_a_Pending_to_Pending_move_by_the_system()
    {
        var rerouted = HeldEmail().Reroute(T4, MessageHistoryEntry.SystemActor, Print, null, PrintContent);

        rerouted.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Rerouted, MessageStatus.Pending, MessageStatus.Pending, T4, MessageHistoryEntry.SystemActor, "Moved from Email to Print."));
    }

    [Fact]
    public void Handling_a_Failed_message_by_hand_makes_it_Sent_and_flags_it_as_manual()
    {
        var handled = FailedSms().MarkHandledManually(T2, Staff, "Printed and posted.");

        handled.Should().BeEquivalentTo(new { Status = MessageStatus.Sent, IsHandledManually = true, NeedsStaff = false });
    }

    [Fact]
    public void Handling_by_hand_records_the_staff_member_and_the_note()
    {
        var handled = FailedSms().MarkHandledManually(T2, Staff, "Printed and posted.");

        handled.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.HandledManually, MessageStatus.Failed, MessageStatus.Sent, T2, Staff, "Printed and posted."));
    }

    [Fact]
    public void A_MissingContactInfo_message_can_be_handled_by_hand()
    {
        var handled = MissingContactInfo().MarkHandledManually(T2, Staff, "Handed over at the desk.");

        handled.Should().BeEquivalentTo(new { Status = MessageStatus.Sent, IsHandledManually = true });
    }

    [Fact]
    public void Dismissing_a_Failed_message_keeps_it_Failed_and_takes_it_out_of_the_queue()
    {
        var dismissed = FailedSms().Dismiss(T2, Staff);

        dismissed.Should().BeEquivalentTo(new { Status = MessageStatus.Failed, IsDismissed = true, NeedsStaff = false });
    }

    [Fact]
    public void Dismissing_records_the_staff_member_and_the_note()
    {
        var dismissed = FailedSms().Dismiss(T2, Staff, "Borrower has left the library.");

        dismissed.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Dismissed, MessageStatus.Failed, MessageStatus.Failed, T2, Staff, "Borrower has left the library."));
    }

    [Fact]
    public void A_blank_note_is_recorded_as_no_reason()
    {
        var dismissed = FailedSms().Dismiss(T2, Staff, "   ");

        dismissed.History[^1].Reason.Should().BeNull();
    }

    [Fact]
    public void A_staff_action_without_an_actor_is_refused()
    {
        var act = () => FailedSms().Dismiss(T2, " ");

        act.Should().Throw<ArgumentException>().WithParameterName("actor");
    }

    [Fact]
    public void History_grows_oldest_first_through_a_messages_life()
    {
        var message = PendingSms().ScheduleRetry(T1, "Gateway timeout.", T2).MarkFailed(T2, Rejected).Retry(T3, Staff).MarkDelivered(T4);

        message.History.Select(e => e.Event).Should().Equal(MessageEvent.Created, MessageEvent.RetryScheduled, MessageEvent.Failed, MessageEvent.Retried, MessageEvent.Delivered);
    }

    // ---- illegal transitions --------------------------------------------------------------------------------

    [Fact]
    public void Retrying_a_Sent_message_is_refused_naming_the_message_and_both_statuses()
    {
        var sent = PendingSms().MarkDelivered(T1);

        var act = () => sent.Retry(T2, Staff);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Message {Id} cannot go from Sent to Pending: *");
    }

    [Fact]
    public void Delivering_a_held_message_is_refused()
    {
        var held = HeldEmail();

        var act = () => held.MarkDelivered(T1);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Message {Id} cannot go from Pending to Sent: *held*");
    }

    [Fact]
    public void Dismissing_a_message_twice_is_refused()
    {
        var dismissed = FailedSms().Dismiss(T2, Staff);

        var act = () => dismissed.Dismiss(T3, Staff);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Message {Id} cannot go from Failed to Failed: *");
    }

    [Fact]
    public void Acting_on_an_anonymized_message_is_refused()
    {
        var anonymized = FailedSms().Anonymize(T3);

        var act = () => anonymized.Retry(T4, Staff);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Message {Id} cannot go from Failed to Pending: *anonymized*");
    }

    [Theory]
    [MemberData(nameof(IllegalTransitionNames))]
    public void An_illegal_transition_is_refused_naming_the_message_and_both_statuses(string transition)
    {
        var (original, act, from, to, why) = IllegalTransitions[transition];

        var attempt = () => act(original);

        attempt.Should().Throw<InvalidOperationException>().WithMessage($"Message {Id} cannot go from {from} to {to}: {why}.");
    }

    [Theory]
    [MemberData(nameof(IllegalTransitionNames))]
    public void An_illegal_transition_leaves_the_message_unchanged(string transition)
    {
        var (original, act, _, _, _) = IllegalTransitions[transition];
        var before = original.ToState();

        try
        {
            act(original);
        }
        catch (InvalidOperationException)
        {
            // Expected: the refusal itself is checked by the test above.
        }

        original.ToState().Should().Be(before);
    }

    [Fact]
    public void A_legal_transition_returns_a_new_message_and_leaves_the_original_unchanged()
    {
        var pending = PendingSms();
        var before = pending.ToState();

        pending.MarkDelivered(T1);

        pending.ToState().Should().Be(before);
    }

    public static TheoryData<string> IllegalTransitionNames => [.. IllegalTransitions.Keys];

    private static Dictionary<string, (Message Original, Func<Message, Message> Act, MessageStatus From, MessageStatus To, string Why)> IllegalTransitions => new()
    {
        ["deliver a Sent message"] = (SentSms(), m => m.MarkDelivered(T2), MessageStatus.Sent, MessageStatus.Sent, NotPending),
        ["deliver a Failed message"] = (FailedSms(), m => m.MarkDelivered(T2), MessageStatus.Failed, MessageStatus.Sent, NotPending),
        ["deliver a held message"] = (HeldEmail(), m => m.MarkDelivered(T2), MessageStatus.Pending, MessageStatus.Sent, Held),
        ["deliver a MissingContactInfo message"] = (MissingContactInfo(), m => m.MarkDelivered(T2), MessageStatus.MissingContactInfo, MessageStatus.Sent, NotPending),
        ["schedule a retry of a Failed message"] = (FailedSms(), m => m.ScheduleRetry(T2, "Timeout.", T3), MessageStatus.Failed, MessageStatus.Pending, NotPending),
        ["schedule a retry of a held message"] = (HeldEmail(), m => m.ScheduleRetry(T2, "Timeout.", T3), MessageStatus.Pending, MessageStatus.Pending, Held),
        ["postpone a Failed message"] = (FailedSms(), m => m.Postpone(T2, "HTTP 401.", T3), MessageStatus.Failed, MessageStatus.Pending, NotPending),
        ["postpone a held message"] = (HeldEmail(), m => m.Postpone(T2, "HTTP 401.", T3), MessageStatus.Pending, MessageStatus.Pending, Held),
        ["fail a Sent message"] = (SentSms(), m => m.MarkFailed(T2, Rejected), MessageStatus.Sent, MessageStatus.Failed, CannotFail),
        ["fail a Failed message"] = (FailedSms(), m => m.MarkFailed(T2, Rejected), MessageStatus.Failed, MessageStatus.Failed, CannotFail),
        ["release a message that is not held"] = (PendingSms(), m => m.Release(T2), MessageStatus.Pending, MessageStatus.Pending, NotHeld),
        ["release a Sent message"] = (SentSms(), m => m.Release(T2), MessageStatus.Sent, MessageStatus.Pending, NotHeld),
        ["lose the contact information of a Sent message"] = (SentSms(), m => m.MarkMissingContactInfo(T2, "Expired."), MessageStatus.Sent, MessageStatus.MissingContactInfo, CannotLoseContact),
        ["retry a Sent message"] = (SentSms(), m => m.Retry(T2, Staff), MessageStatus.Sent, MessageStatus.Pending, CannotRetry),
        ["retry a Pending message"] = (PendingSms(), m => m.Retry(T2, Staff), MessageStatus.Pending, MessageStatus.Pending, CannotRetry),
        ["retry a MissingContactInfo message that has no content"] = (MissingContactInfo(content: null), m => m.Retry(T2, Staff, recipient: Phone), MessageStatus.MissingContactInfo, MessageStatus.Pending, NoContent),
        ["reroute a Sent message"] = (SentSms(), m => m.Reroute(T2, Staff, Print, null, PrintContent), MessageStatus.Sent, MessageStatus.Pending, CannotReroute),
        ["reroute a Pending message that is not held"] = (PendingSms(), m => m.Reroute(T2, Staff, Print, null, PrintContent), MessageStatus.Pending, MessageStatus.Pending, CannotReroute),
        ["handle a Pending message by hand"] = (PendingSms(), m => m.MarkHandledManually(T2, Staff), MessageStatus.Pending, MessageStatus.Sent, CannotHandle),
        ["handle a Sent message by hand"] = (SentSms(), m => m.MarkHandledManually(T2, Staff), MessageStatus.Sent, MessageStatus.Sent, CannotHandle),
        ["dismiss a Pending message"] = (PendingSms(), m => m.Dismiss(T2, Staff), MessageStatus.Pending, MessageStatus.Failed, CannotDismiss),
        ["dismiss a MissingContactInfo message"] = (MissingContactInfo(), m => m.Dismiss(T2, Staff), MessageStatus.MissingContactInfo, MessageStatus.Failed, CannotDismiss),
        ["dismiss a message twice"] = (FailedSms().Dismiss(T2, Staff), m => m.Dismiss(T3, Staff), MessageStatus.Failed, MessageStatus.Failed, CannotDismiss),
        ["deliver an anonymized message"] = (PendingSms().Anonymize(T2), m => m.MarkDelivered(T3), MessageStatus.Pending, MessageStatus.Sent, Anonymized),
        ["fail an anonymized message"] = (PendingSms().Anonymize(T2), m => m.MarkFailed(T3, Rejected), MessageStatus.Pending, MessageStatus.Failed, Anonymized),
        ["retry an anonymized message"] = (FailedSms().Anonymize(T3), m => m.Retry(T4, Staff), MessageStatus.Failed, MessageStatus.Pending, Anonymized),
        ["reroute an anonymized message"] = (FailedSms().Anonymize(T3), m => m.Reroute(T4, Staff, Print, null, PrintContent), MessageStatus.Failed, MessageStatus.Pending, Anonymized),
        ["handle an anonymized message by hand"] = (FailedSms().Anonymize(T3), m => m.MarkHandledManually(T4, Staff), MessageStatus.Failed, MessageStatus.Sent, Anonymized),
        ["dismiss an anonymized message"] = (FailedSms().Anonymize(T3), m => m.Dismiss(T4, Staff), MessageStatus.Failed, MessageStatus.Failed, Anonymized),
        ["release an anonymized held message"] = (HeldEmail().Anonymize(T3), m => m.Release(T4), MessageStatus.Pending, MessageStatus.Pending, Anonymized),
        ["lose the contact information of an anonymized held message"] = (HeldEmail().Anonymize(T3), m => m.MarkMissingContactInfo(T4, "Expired."), MessageStatus.Pending, MessageStatus.MissingContactInfo, Anonymized),
    };

    // ---- ChangedAt (rule 2) ---------------------------------------------------------------------------------

    [Fact]
    public void ChangedAt_moves_when_the_status_changes()
    {
        var failed = PendingSms().MarkFailed(T1, Rejected);

        failed.ChangedAt.Should().Be(T1);
    }

    [Fact]
    public void ChangedAt_does_not_move_when_a_retry_is_scheduled()
    {
        var retrying = PendingSms().ScheduleRetry(T1, "Gateway timeout.", T2);

        retrying.ChangedAt.Should().Be(T0);
    }

    [Fact]
    public void ChangedAt_does_not_move_when_a_held_message_is_released()
    {
        var released = HeldEmail().Release(T3);

        released.ChangedAt.Should().Be(T0);
    }

    [Fact]
    public void ChangedAt_moves_when_staff_dismiss_a_message_although_its_status_stays_Failed()
    {
        var dismissed = FailedSms().Dismiss(T3, Staff);

        dismissed.ChangedAt.Should().Be(T3);
    }

    [Fact]
    public void ChangedAt_moves_when_staff_retry_a_message()
    {
        var retried = FailedSms().Retry(T3, Staff);

        retried.ChangedAt.Should().Be(T3);
    }

    [Fact]
    public void ChangedAt_moves_when_staff_reroute_a_held_message_although_its_status_stays_Pending()
    {
        var rerouted = HeldEmail().Reroute(T3, Staff, Print, null, PrintContent);

        rerouted.ChangedAt.Should().Be(T3);
    }

    [Fact]
    public void ChangedAt_does_not_move_when_the_system_reroutes_a_held_message_without_a_status_change()
    {
        var rerouted = HeldEmail().Reroute(T3, MessageHistoryEntry.SystemActor, Print, null, PrintContent);

        rerouted.ChangedAt.Should().Be(T0);
    }

    [Fact]
    public void ChangedAt_moves_when_staff_handle_a_message_by_hand()
    {
        var handled = FailedSms().MarkHandledManually(T3, Staff);

        handled.ChangedAt.Should().Be(T3);
    }

    [Fact]
    public void ChangedAt_moves_when_a_message_is_anonymized()
    {
        var anonymized = SentSms().Anonymize(T4);

        anonymized.ChangedAt.Should().Be(T4);
    }

    [Fact]
    public void ChangedAt_never_goes_back_when_a_change_is_dated_before_the_last_one()
    {
        var failed = PendingSms().MarkFailed(T3, Rejected);

        var dismissed = failed.Dismiss(T2, Staff);

        dismissed.ChangedAt.Should().Be(T3);
    }

    [Fact]
    public void CreatedAt_never_moves()
    {
        var message = PendingSms().MarkFailed(T1, Rejected).Retry(T2, Staff).MarkDelivered(T3).Anonymize(T4);

        message.CreatedAt.Should().Be(T0);
    }

    // ---- anonymization ---------------------------------------------------------------------------------------

    [Fact]
    public void Anonymizing_removes_the_recipient()
    {
        var anonymized = SentSms().Anonymize(T4);

        anonymized.Recipient.Should().BeNull();
    }

    [Fact]
    public void Anonymizing_removes_the_content()
    {
        var anonymized = SentSms().Anonymize(T4);

        anonymized.Content.Should().BeNull();
    }

    [Fact]
    public void Anonymizing_keeps_type_protocol_status_and_creation_time()
    {
        var anonymized = SentSms().Anonymize(T4);

        anonymized.Should().BeEquivalentTo(new { Type = NotificationType.WelcomeBorrower, Protocol = Protocol.Sms, Status = MessageStatus.Sent, CreatedAt = T0, IsAnonymized = true });
    }

    [Fact]
    public void Anonymizing_keeps_the_history_and_adds_an_entry()
    {
        var sent = SentSms();

        var anonymized = sent.Anonymize(T4);

        anonymized.History.Should().Equal(sent.History.Add(new MessageHistoryEntry(MessageEvent.Anonymized, MessageStatus.Sent, MessageStatus.Sent, T4, MessageHistoryEntry.SystemActor, null)));
    }

    [Fact]
    public void Anonymizing_twice_returns_the_same_message()
    {
        var anonymized = SentSms().Anonymize(T3);

        var again = anonymized.Anonymize(T4);

        again.Should().BeSameAs(anonymized);
    }

    [Fact]
    public void Anonymizing_twice_keeps_the_first_ChangedAt()
    {
        var anonymized = SentSms().Anonymize(T3);

        var again = anonymized.Anonymize(T4);

        again.ChangedAt.Should().Be(T3);
    }

    // ---- no personal data in ToString -----------------------------------------------------------------------

    [Fact]
    public void ToString_does_not_contain_the_recipient()
    {
        var message = PendingSms();

        message.ToString().Should().NotContain(Phone.Value);
    }

    [Fact]
    public void ToString_does_not_contain_the_email_recipient()
    {
        var message = HeldEmail();

        message.ToString().Should().NotContain("hans@example.dk");
    }

    [Fact]
    public void ToString_does_not_contain_the_subject_or_body()
    {
        var message = PendingSms();

        message.ToString().Should().NotContainAny(Body, Subject);
    }

    [Fact]
    public void ToString_names_the_message_type_protocol_and_status()
    {
        var message = PendingSms();

        message.ToString().Should().Be($"Message {Id} (WelcomeBorrower, Sms, Pending)");
    }

    [Fact]
    public void A_Digital_Post_recipient_is_displayed_with_the_CPR_number_masked()
    {
        var recipient = MessageRecipient.Person(Cpr.Parse("070761-4285"));

        recipient.ToString().Should().Be("070761-xxxx");
    }

    [Fact]
    public void Content_and_state_describe_themselves_without_the_text()
    {
        var state = PendingSms().ToState();

        (new MessageContent(null, Body, null).ToString(), (Content with { HtmlBody = "<p>Hej</p>" }).ToString(), state.ToString()).Should().Be((
            $"MessageContent (subject: none, body: {Body.Length} characters, html: no)",
            $"MessageContent (subject: yes, body: {Body.Length} characters, html: yes)",
            $"MessageState {Id} (WelcomeBorrower, Sms, Pending)"));
    }

    // ---- MessageRecipient -----------------------------------------------------------------------------------

    [Fact]
    public void Recipients_are_equal_only_with_the_same_kind_and_address()
    {
        var other = MessageRecipient.Phone(PhoneNumber.Parse("31 45 67 89"));
        var same = Phone.Equals(MessageRecipient.Phone(PhoneNumber.Parse("+45 20123456")));
        var different = Phone.Equals(other);
        var equalsEmail = Phone.Equals((object)Email);
        var equalsNull = Phone.Equals(null);

        (same, different, equalsNull, equalsEmail)
            .Should().Be((true, false, false, false));
    }

    [Fact]
    public void A_recipient_is_restored_from_its_kind_and_address()
    {
        (MessageRecipient.Restore(RecipientKind.Phone, "+4520123456"), MessageRecipient.Restore(RecipientKind.Cvr, "13585628").Display)
            .Should().Be((Phone, "13585628"));
    }

    [Fact]
    public void A_recipient_of_an_unknown_kind_or_without_an_address_is_refused()
    {
        var unknown = () => MessageRecipient.Restore((RecipientKind)9, "x");
        var none = () => MessageRecipient.Restore(RecipientKind.Phone, null!);
        var neither = () => MessageRecipient.Restore((RecipientKind)9, null!);

        unknown.Should().Throw<FormatException>().WithMessage("Unknown recipient kind 9.");
        none.Should().Throw<ArgumentNullException>().WithParameterName("value");
        neither.Should().Throw<ArgumentNullException>().WithParameterName("value");
    }

    [Fact]
    public void Recipients_need_their_address()
    {
        var checks = new (Action Act, string Parameter)[]
        {
            (() => MessageRecipient.Phone(null!), "phone"),
            (() => MessageRecipient.Email(null!), "email"),
            (() => MessageRecipient.Person(null!), "cpr"),
            (() => MessageRecipient.Company(null!), "cvr"),
        };

        checks.Should().AllSatisfy(c => c.Act.Should().Throw<ArgumentNullException>().WithParameterName(c.Parameter));
    }

    // ---- Restore / ToState ----------------------------------------------------------------------------------

    [Fact]
    public void Restoring_the_state_of_a_message_gives_back_the_same_message()
    {
        var message = PendingSms().ScheduleRetry(T1, "Gateway timeout.", T2).MarkFailed(T2, Rejected).Dismiss(T3, Staff).WithVersion(4);

        var restored = Message.Restore(message.ToState());

        restored.Should().Be(message);
    }

    [Fact]
    public void Restoring_the_state_of_a_held_message_gives_back_the_same_message()
    {
        var message = HeldEmail();

        var restored = Message.Restore(message.ToState());

        restored.Should().Be(message);
    }

    [Fact]
    public void Restoring_the_state_of_an_anonymized_message_gives_back_the_same_message()
    {
        var message = SentSms().Anonymize(T4);

        var restored = Message.Restore(message.ToState());

        restored.Should().Be(message);
    }

    [Fact]
    public void Restoring_an_anonymized_message_that_still_has_content_is_refused()
    {
        var state = SentSms().Anonymize(T4).ToState() with { Content = Content };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("an anonymized message still has a recipient or content"));
    }

    [Fact]
    public void Restoring_an_anonymized_message_that_still_has_a_recipient_is_refused()
    {
        var state = SentSms().Anonymize(T4).ToState() with { Recipient = Phone };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("an anonymized message still has a recipient or content"));
    }

    [Fact]
    public void Restoring_a_dismissed_message_that_is_not_Failed_is_refused()
    {
        var state = SentSms().ToState() with { IsDismissed = true };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("only a Failed message can be dismissed"));
    }

    [Fact]
    public void Restoring_a_held_message_to_a_phone_number_is_refused()
    {
        var state = PendingSms().ToState() with { IsHeld = true };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("a held message must be Pending to an e-mail address"));
    }

    [Fact]
    public void Restoring_a_held_message_that_is_not_Pending_is_refused()
    {
        var state = HeldEmail().ToState() with { Status = MessageStatus.Sent, NextAttemptAt = null };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("a held message must be Pending to an e-mail address"));
    }

    [Fact]
    public void Restoring_a_Pending_message_without_a_next_attempt_time_is_refused()
    {
        var state = PendingSms().ToState() with { NextAttemptAt = null };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("a Pending message needs NextAttemptAt"));
    }

    [Fact]
    public void Restoring_a_message_changed_before_it_was_created_is_refused()
    {
        var state = PendingSms().ToState() with { ChangedAt = T0.AddSeconds(-1) };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("ChangedAt is before CreatedAt"));
    }

    [Fact]
    public void Restoring_a_message_with_the_empty_id_is_refused()
    {
        var state = PendingSms().ToState() with { Id = default };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("Id is empty"));
    }

    [Fact]
    public void Restoring_a_null_state_is_refused_naming_the_parameter()
    {
        var act = () => Message.Restore(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("state");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Restoring_a_message_without_a_culture_is_refused(string culture)
    {
        var state = PendingSms().ToState() with { Culture = culture };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("Culture is empty"));
    }

    [Fact]
    public void Restoring_a_message_with_a_negative_attempt_count_is_refused()
    {
        var state = FailedSms().ToState() with { AttemptCount = -1 };

        var act = () => Message.Restore(state);

        act.Should().Throw<ArgumentException>().WithMessage(RestoreRefusal("AttemptCount is negative"));
    }

    [Fact]
    public void Restoring_a_message_that_is_not_Pending_drops_a_stored_next_attempt_time()
    {
        var state = FailedSms().ToState() with { NextAttemptAt = T3 };

        var restored = Message.Restore(state);

        restored.NextAttemptAt.Should().BeNull();
    }

    [Fact]
    public void Restoring_a_message_without_history_gives_an_empty_history()
    {
        var state = PendingSms().ToState() with { History = default };

        var restored = Message.Restore(state);

        restored.History.IsDefault.Should().BeFalse();
        restored.History.Should().BeEmpty();
    }

    // ---- argument checks ------------------------------------------------------------------------------------

    [Fact]
    public void Failing_without_a_failure_is_refused_naming_the_parameter()
    {
        var act = () => PendingSms().MarkFailed(T1, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("failure");
    }

    [Fact]
    public void Rerouting_without_a_protocol_is_refused_naming_the_parameter()
    {
        var act = () => FailedSms().Reroute(T2, Staff, null!, null, PrintContent);

        act.Should().Throw<ArgumentNullException>().WithParameterName("protocol");
    }

    [Fact]
    public void Rerouting_without_content_is_refused_naming_the_parameter()
    {
        var act = () => FailedSms().Reroute(T2, Staff, Print, null, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("content");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static string RestoreRefusal(string problem) => $"Cannot restore the message: {problem}. (Parameter 'state')";

    [Fact]
    public void Retry_with_new_content_sends_the_new_content()
    {
        var newContent = new MessageContent(Subject, "Hej Hans, rettet tekst.", null);

        FailedSms().Retry(T2, Staff, content: newContent).Content.Should().BeSameAs(newContent);
    }

    [Fact]
    public void Cancel_and_undeliverable_need_a_reason_and_only_a_pending_message_is_deferred()
    {
        FluentActions.Invoking(() => PendingSms().Cancel(T2, " ")).Should().Throw<ArgumentException>().WithParameterName("reason");
        FluentActions.Invoking(() => SentSms().MarkUndeliverable(T2, T2, "")).Should().Throw<ArgumentException>().WithParameterName("reason");
        FluentActions.Invoking(() => SentSms().Defer(T2, T2.AddHours(8), "Quiet hours.")).Should().Throw<InvalidOperationException>()
            .WithMessage($"*cannot go from Sent to Pending: {NotPending}.");
    }

    private static Message PendingSms()
        => Message.CreatePending(Id, Borrower, NotificationType.WelcomeBorrower, Protocol.Sms, Phone, Content, "da-DK", T0);

    private static Message SentSms() => PendingSms().MarkDelivered(T1, "provider-7");

    private static Message FailedSms() => PendingSms().MarkFailed(T1, Rejected);

    private static Message HeldEmail()
        => Message.CreatePending(Id, Borrower, NotificationType.WelcomeBorrower, Protocol.Email, Email, Content, "da-DK", T0, held: true);

    private static Message MissingContactInfo() => MissingContactInfo(Content);

    private static Message MissingContactInfo(MessageContent? content)
        => Message.CreateMissingContactInfo(Id, Borrower, NotificationType.WelcomeBorrower, Protocol.Sms, content, "da-DK", T0);
}
