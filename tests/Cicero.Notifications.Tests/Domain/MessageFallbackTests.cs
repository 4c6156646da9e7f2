using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>
/// The domain's rules for a fallback: the replaced message stays Failed and leaves the queue with a history naming its
/// successor; the new message belongs to the same notification and names the messages it replaces.
/// </summary>
public sealed class MessageFallbackTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_replaced_message_stays_failed_leaves_the_queue_and_names_the_message_that_took_over()
    {
        var failed = Sms().MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "Unknown number."));
        var successor = MessageId.New(T0);

        var replaced = failed.ReplaceByFallback(T0.AddMinutes(2), successor, Protocol.Email);

        replaced.Should().BeEquivalentTo(new
        {
            Status = MessageStatus.Failed,
            IsDismissed = true,
            IsReplacedByFallback = true,
            NeedsStaff = false,
            ChangedAt = T0.AddMinutes(2),
            LastFailure = failed.LastFailure,
        });
        replaced.History[^1].Should().BeEquivalentTo(new
        {
            Event = MessageEvent.ReplacedByFallback,
            From = MessageStatus.Failed,
            To = MessageStatus.Failed,
            Actor = MessageHistoryEntry.SystemActor,
            Reason = $"Message {successor} on Email took over after it failed (Rejected).",
        });
        Message.Restore(replaced.ToState()).IsReplacedByFallback.Should().BeTrue();
    }

    [Fact]
    public void A_replaced_message_that_staff_retry_is_no_longer_replaced_and_anonymizing_keeps_the_mark()
    {
        var replaced = Sms().MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No."))
            .ReplaceByFallback(T0.AddMinutes(2), MessageId.New(T0), Protocol.Email);

        (replaced.Retry(T0.AddMinutes(3), "staff-1").IsReplacedByFallback, replaced.Anonymize(T0.AddDays(30)).IsReplacedByFallback).Should().Be((false, true));
    }

    [Fact]
    public void Only_a_failed_message_in_the_queue_can_be_replaced()
    {
        var pending = Sms();
        var dismissed = pending.MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No.")).Dismiss(T0.AddMinutes(2), "staff-1");

        FluentActions.Invoking(() => pending.ReplaceByFallback(T0, MessageId.New(T0), Protocol.Email)).Should().Throw<InvalidOperationException>()
            .WithMessage($"Message {pending.Id} cannot go from Pending to Failed: only a Failed message in the message queue can be replaced by a fallback.");
        FluentActions.Invoking(() => dismissed.ReplaceByFallback(T0, MessageId.New(T0), Protocol.Email)).Should().Throw<InvalidOperationException>();
        dismissed.IsReplacedByFallback.Should().BeFalse("staff dismissed it");
    }

    [Fact]
    public void A_fallback_message_is_pending_in_the_same_notification_and_names_what_it_replaces()
    {
        var sms = Sms("loan-42").MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No."));
        var id = MessageId.New(T0);
        var content = new MessageContent("Reservering", "Kære låner", """{"title":"Bogen"}""");

        var fallback = Message.CreateFallback(id, [sms], Protocol.Email, MessageRecipient.Email(EmailAddress.Parse("hans@example.dk")), content, T0.AddMinutes(2));

        fallback.Should().BeEquivalentTo(new
        {
            Id = id,
            NotificationId = (MessageId?)sms.Id,
            sms.BorrowerId,
            sms.Type,
            sms.Culture,
            IdempotencyKey = "loan-42",
            Protocol = Protocol.Email,
            Status = MessageStatus.Pending,
            NextAttemptAt = (DateTimeOffset?)T0.AddMinutes(2),
            Content = content,
        });
        fallback.History.Single().Should().BeEquivalentTo(new { Event = MessageEvent.Created, Reason = $"Fallback after {sms.Id} on Sms failed." });
    }

    [Fact]
    public void A_fallback_after_several_messages_names_each_of_them()
    {
        var sms = Sms("loan-42").MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No."));
        var email = Message.CreatePending(MessageId.New(T0), sms.BorrowerId, sms.Type, Protocol.Email, MessageRecipient.Email(EmailAddress.Parse("hans@example.dk")),
                new MessageContent("Klar", "Din bog er klar", null), "da-DK", T0, notificationId: sms.Id)
            .MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No."));

        var fallback = Message.CreateFallback(MessageId.New(T0), [sms, email], Protocol.Parse("Print"), null, new MessageContent(null, "Brev", null), T0.AddMinutes(2));

        fallback.History.Single().Reason.Should().Be($"Fallback after {sms.Id} on Sms, {email.Id} on Email failed.");
    }

    [Fact]
    public void A_fallback_replaces_messages_of_one_notification()
    {
        var content = new MessageContent(null, "Hej", null);
        var one = Sms();
        var other = Sms();

        FluentActions.Invoking(() => Message.CreateFallback(MessageId.New(T0), [], Protocol.Email, null, content, T0)).Should().Throw<ArgumentException>()
            .WithMessage("A fallback replaces one or more messages of one notification.*");
        FluentActions.Invoking(() => Message.CreateFallback(MessageId.New(T0), [one, other], Protocol.Email, null, content, T0)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Every_message_of_a_notification_shares_its_first_messages_id()
    {
        var first = Sms();
        var second = Message.CreatePending(MessageId.New(T0), first.BorrowerId, first.Type, Protocol.Email, MessageRecipient.Email(EmailAddress.Parse("hans@example.dk")), first.Content!, "da-DK", T0, notificationId: first.Id);
        var missing = Message.CreateMissingContactInfo(MessageId.New(T0), first.BorrowerId, first.Type, Protocol.Sms, null, "da-DK", T0);

        (first.NotificationId, second.NotificationId, missing.NotificationId).Should().Be((first.Id, first.Id, missing.Id));
        Message.Restore(second.ToState()).NotificationId.Should().Be(first.Id);
    }

    [Fact]
    public void A_replaced_message_refuses_a_missing_protocol_and_an_anonymized_one_is_not_replaced()
    {
        var failed = Sms().MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No."));
        var anonymized = failed.Anonymize(T0.AddDays(30));

        FluentActions.Invoking(() => failed.ReplaceByFallback(T0, MessageId.New(T0), null!)).Should().Throw<ArgumentNullException>().WithParameterName("protocol");
        FluentActions.Invoking(() => anonymized.ReplaceByFallback(T0.AddDays(31), MessageId.New(T0), Protocol.Email)).Should().Throw<InvalidOperationException>()
            .WithMessage($"Message {failed.Id} cannot go from Failed to Failed: the message is anonymized.");
    }

    [Fact]
    public void A_failed_message_without_a_stored_failure_is_replaced_without_a_why()
    {
        var failed = Message.Restore(Sms().MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No.")).ToState() with { LastFailure = null });
        var successor = MessageId.New(T0);

        failed.ReplaceByFallback(T0.AddMinutes(2), successor, Protocol.Email).History[^1].Reason.Should().Be($"Message {successor} on Email took over.");
    }

    [Fact]
    public void Only_the_last_staff_relevant_event_decides_whether_a_message_is_replaced()
    {
        var failed = Sms().MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No.")).ToState();
        var replacedEntry = new MessageHistoryEntry(MessageEvent.ReplacedByFallback, MessageStatus.Failed, MessageStatus.Failed, T0.AddMinutes(2), MessageHistoryEntry.SystemActor, null);

        Message.Restore(failed with { IsDismissed = true, History = [replacedEntry] }).IsReplacedByFallback.Should().BeTrue("the only entry counts");
        Message.Restore(failed with { IsDismissed = false, History = [.. failed.History, replacedEntry] }).IsReplacedByFallback.Should().BeFalse("it is in the queue");
        Message.Restore(failed with { IsDismissed = true, History = [] }).IsReplacedByFallback.Should().BeFalse("nothing says so");
    }

    [Fact]
    public void A_fallback_names_a_missing_argument()
    {
        var failed = Sms().MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No."));

        FluentActions.Invoking(() => Message.CreateFallback(MessageId.New(T0), null!, Protocol.Email, null, new MessageContent(null, "Hej", null), T0)).Should().Throw<ArgumentNullException>().WithParameterName("replaced");
        FluentActions.Invoking(() => Message.CreateFallback(MessageId.New(T0), [failed], Protocol.Email, null, null!, T0)).Should().Throw<ArgumentNullException>().WithParameterName("content");
    }

    [Fact]
    public void A_store_puts_back_the_notification_id_it_kept_and_never_replaces_one()
    {
        var message = Sms();
        var withoutNotification = Message.Restore(message.ToState() with { NotificationId = null });
        var other = MessageId.New(T0);

        (withoutNotification.WithStoredNotificationId(message.Id).NotificationId, message.WithStoredNotificationId(other).NotificationId, withoutNotification.WithStoredNotificationId(null).NotificationId)
            .Should().Be((message.Id, message.Id, null));
        message.WithStoredNotificationId(other).Should().BeSameAs(message);
    }

    private static Message Sms(string? key = null)
        => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Sms,
            MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")), new MessageContent(null, "Din bog er klar", """{"title":"Bogen"}"""), "da-DK", T0, idempotencyKey: key);
}
