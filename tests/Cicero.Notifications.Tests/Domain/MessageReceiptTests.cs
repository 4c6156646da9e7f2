using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>The domain's rules for delivery receipts: Sent → Failed is the one transition from Sent, and only a receipt makes it.</summary>
public sealed class MessageReceiptTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_a_sent_message_can_be_reported_undeliverable()
    {
        var pending = Pending();
        var failed = pending.MarkFailed(T0, new MessageFailure(MessageFailureKind.Rejected, "No"));
        var handled = failed.MarkHandledManually(T0.AddMinutes(1), "staff-1");

        foreach (var message in new[] { pending, failed, handled })
        {
            var act = () => message.MarkUndeliverable(T0.AddMinutes(2), T0.AddMinutes(2), "Expired");

            act.Should().Throw<InvalidOperationException>().WithMessage($"Message {message.Id} cannot go from {message.Status} to Failed: only a Sent message can be reported undeliverable.");
        }
    }

    [Fact]
    public void An_anonymized_message_cannot_be_reported_undeliverable()
    {
        var anonymized = Sent().Anonymize(T0.AddDays(30));

        var act = () => anonymized.MarkUndeliverable(T0.AddDays(30), T0.AddDays(30), "Expired");

        act.Should().Throw<InvalidOperationException>().WithMessage("*cannot go from Sent to Failed: the message is anonymized.");
    }

    [Fact]
    public void An_undeliverable_message_keeps_its_attempts_and_records_the_reason_in_its_history()
    {
        var sent = Sent();

        var failed = sent.MarkUndeliverable(T0.AddMinutes(10), T0.AddMinutes(9), "Unknown subscriber");

        failed.Should().BeEquivalentTo(new
        {
            Status = MessageStatus.Failed,
            ChangedAt = T0.AddMinutes(10),
            sent.AttemptCount,
            LastFailure = new MessageFailure(MessageFailureKind.Undeliverable, "Unknown subscriber"),
            NeedsStaff = true,
        });
        failed.History[^1].Should().Be(new MessageHistoryEntry(MessageEvent.Failed, MessageStatus.Sent, MessageStatus.Failed, T0.AddMinutes(10), MessageHistoryEntry.SystemActor, "Unknown subscriber"));
    }

    [Fact]
    public void A_failure_reported_at_the_same_time_as_the_confirmation_changes_nothing()
    {
        var confirmed = Sent().ConfirmDelivery(T0.AddMinutes(5));

        confirmed.MarkUndeliverable(T0.AddMinutes(6), T0.AddMinutes(5), "Expired").Should().BeSameAs(confirmed);
        confirmed.MarkUndeliverable(T0.AddMinutes(6), T0.AddMinutes(5).AddTicks(10), "Expired").Status.Should().Be(MessageStatus.Failed);
    }

    [Fact]
    public void A_confirmation_is_recorded_once_and_only_on_a_sent_message()
    {
        var sent = Sent();
        var confirmed = sent.ConfirmDelivery(T0.AddMinutes(2));

        (confirmed.DeliveredAt, confirmed.ChangedAt, confirmed.Status).Should().Be((T0.AddMinutes(2), sent.ChangedAt, MessageStatus.Sent));
        confirmed.ConfirmDelivery(T0.AddMinutes(3)).Should().BeSameAs(confirmed);
        Pending().ConfirmDelivery(T0).Should().Match<Message>(m => m.DeliveredAt == null);
        sent.DeliveredAt.Should().BeNull();
    }

    [Fact]
    public void A_confirmation_survives_a_restore_from_the_stored_state()
    {
        var confirmed = Sent().ConfirmDelivery(T0.AddMinutes(2));

        Message.Restore(confirmed.ToState()).DeliveredAt.Should().Be(T0.AddMinutes(2));
    }

    [Fact]
    public void Anonymizing_an_undeliverable_message_clears_the_providers_reason()
    {
        var anonymized = Sent().MarkUndeliverable(T0.AddMinutes(2), T0.AddMinutes(2), "550 hans.hansen@example.dk unknown").Anonymize(T0.AddDays(31));

        (anonymized.LastFailure, anonymized.History.Any(h => h.Reason is not null)).Should().Be((new MessageFailure(MessageFailureKind.Undeliverable, ""), false));
    }

    private static Message Pending() => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Sms,
        MessageRecipient.Phone(PhoneNumber.Parse("+45 20 12 34 56")), new MessageContent(null, "Hej", "{}"), "da-DK", T0);

    private static Message Sent() => Pending().MarkDelivered(T0.AddSeconds(1), "gw-1");
}
