using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>The domain's rules for a cancelled notification's messages: within the four statuses, never sent, out of the queue.</summary>
public sealed class MessageCancelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_pending_held_message_becomes_failed_cancelled_dismissed_and_no_longer_held_or_due()
    {
        var held = Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Email,
            MessageRecipient.Email(EmailAddress.Parse("hans@example.dk")), new MessageContent("Emne", "Hej", "{}"), "da-DK", T0, held: true);

        var cancelled = held.Cancel(T0.AddMinutes(5), "Collected.");

        cancelled.Should().BeEquivalentTo(new
        {
            Status = MessageStatus.Failed,
            IsCancelled = true,
            IsDismissed = true,
            IsHeld = false,
            NeedsStaff = false,
            NextAttemptAt = (DateTimeOffset?)null,
            ChangedAt = T0.AddMinutes(5),
            LastFailure = new MessageFailure(MessageFailureKind.Cancelled, "Collected."),
        });
        Message.Restore(cancelled.ToState()).IsCancelled.Should().BeTrue();
    }

    [Fact]
    public void A_message_missing_contact_info_or_failed_can_be_cancelled()
    {
        var missing = Message.CreateMissingContactInfo(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Sms, null, "da-DK", T0);
        var failed = Pending().MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No"));

        (missing.Cancel(T0.AddMinutes(2), "Collected.").IsCancelled, failed.Cancel(T0.AddMinutes(2), "Collected.").IsCancelled).Should().Be((true, true));
    }

    [Fact]
    public void A_sent_or_anonymized_message_cannot_be_cancelled_and_a_cancelled_one_is_returned_as_it_is()
    {
        var sent = Pending().MarkDelivered(T0.AddMinutes(1));
        var anonymized = Pending().MarkFailed(T0, new MessageFailure(MessageFailureKind.Rejected, "No")).Anonymize(T0.AddDays(31));
        var cancelled = Pending().Cancel(T0.AddMinutes(1), "Collected.");

        sent.Invoking(m => m.Cancel(T0.AddMinutes(2), "Collected.")).Should().Throw<InvalidOperationException>().WithMessage("*cannot go from Sent to Failed: a Sent message cannot be cancelled.");
        anonymized.Invoking(m => m.Cancel(T0.AddDays(32), "Collected.")).Should().Throw<InvalidOperationException>().WithMessage("*the message is anonymized.");
        cancelled.Cancel(T0.AddMinutes(9), "Again.").Should().BeSameAs(cancelled);
    }

    [Fact]
    public void Anonymizing_a_cancelled_message_clears_the_hosts_reason()
    {
        var anonymized = Pending().Cancel(T0.AddMinutes(1), "Hans Hansen 0707614285 collected it").Anonymize(T0.AddDays(31));

        (anonymized.LastFailure, anonymized.History.Any(h => h.Reason is not null), anonymized.IsCancelled)
            .Should().Be((new MessageFailure(MessageFailureKind.Cancelled, ""), false, true));
    }

    private static Message Pending() => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Sms,
        MessageRecipient.Phone(PhoneNumber.Parse("+45 20 12 34 56")), new MessageContent(null, "Hej", "{}"), "da-DK", T0);
}
