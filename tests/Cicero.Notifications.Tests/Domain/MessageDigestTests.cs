using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;

namespace Cicero.Notifications.Tests.Domain;

/// <summary>
/// The domain's rules for digests: a new Pending message starts one; while open (Pending, never attempted, inside its
/// window) notifications join it; a cancelled notification's item goes, the last one cancels the message; the planner
/// decides when a digest is due and whether a notification may join.
/// </summary>
public sealed class MessageDigestTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_new_pending_message_starts_a_digest_holding_its_own_notification()
    {
        var digest = Sms("r-1").StartDigest();

        digest.DigestItems.Should().Equal(new DigestItem("r-1", T0));
        (digest.IsDigest, Sms().IsDigest).Should().Be((true, false));
        Message.Restore(digest.ToState()).DigestItems.Should().Equal(digest.DigestItems);
    }

    [Fact]
    public void A_stored_message_without_digest_items_is_restored_as_no_digest()
    {
        var restored = Message.Restore(Sms().ToState() with { DigestItems = default });

        (restored.IsDigest, restored.DigestItems.Length).Should().Be((false, 0));
    }

    [Fact]
    public void Only_a_new_pending_message_can_start_a_digest()
    {
        var failed = Sms().MarkFailed(T0, new MessageFailure(MessageFailureKind.Rejected, "No."));
        var retried = Sms().ScheduleRetry(T0, "Busy.", T0.AddMinutes(1));

        foreach (var message in new[] { failed, retried, Sms().StartDigest() })
        {
            message.Invoking(m => m.StartDigest()).Should().Throw<InvalidOperationException>().WithMessage("*only a new Pending message can start a digest*");
        }
    }

    [Fact]
    public void A_notification_joins_an_open_digest_with_new_content_and_a_history_entry_keeping_status_and_due_time()
    {
        var digest = Sms("r-1").StartDigest();
        var content = new MessageContent(null, "To bøger er klar", """{"items":[{},{}]}""");

        var joined = digest.AddToDigest(T0.AddMinutes(3), "r-2", content);

        joined.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, digest.NextAttemptAt, digest.ChangedAt, Content = content });
        joined.DigestItems.Should().Equal(new DigestItem("r-1", T0), new DigestItem("r-2", T0.AddMinutes(3)));
        joined.History[^1].Should().BeEquivalentTo(new { Event = MessageEvent.AddedToDigest, From = MessageStatus.Pending, To = MessageStatus.Pending, Reason = "Notification 2 of the digest arrived." });
    }

    [Fact]
    public void A_digest_is_open_only_while_pending_never_attempted_and_inside_its_window()
    {
        var digest = Sms().StartDigest();

        digest.IsOpenDigest(T0.AddMinutes(9), Window).Should().BeTrue();
        digest.IsOpenDigest(T0 + Window, Window).Should().BeFalse("the window has ended");
        Sms().IsOpenDigest(T0, Window).Should().BeFalse("it is not a digest");
        digest.ScheduleRetry(T0, "Busy.", T0.AddMinutes(1)).IsOpenDigest(T0.AddMinutes(1), Window).Should().BeFalse("an attempt was made");
        digest.MarkDelivered(T0).IsOpenDigest(T0, Window).Should().BeFalse();
        digest.Cancel(T0, "Collected.").IsOpenDigest(T0, Window).Should().BeFalse();
    }

    [Fact]
    public void Nothing_joins_a_digest_that_is_sent_attempted_or_anonymized()
    {
        var digest = Sms().StartDigest();
        var content = new MessageContent(null, "x", null);

        foreach (var closed in new[] { digest.MarkDelivered(T0), digest.ScheduleRetry(T0, "Busy.", T0.AddMinutes(1)), digest.Cancel(T0, "Collected."), Sms() })
        {
            closed.Invoking(m => m.AddToDigest(T0, "r-2", content)).Should().Throw<InvalidOperationException>();
        }

        digest.MarkDelivered(T0).Anonymize(T0).Invoking(m => m.AddToDigest(T0, "r-2", content)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void A_cancelled_notifications_item_goes_and_the_last_one_cannot_be_removed()
    {
        var digest = Sms("r-1").StartDigest().AddToDigest(T0.AddMinutes(1), "r-2", new MessageContent(null, "To", null));
        var content = new MessageContent(null, "Én", """{"items":[{}]}""");

        var removed = digest.RemoveFromDigest(T0.AddMinutes(2), 0, content, "Collected.");

        removed.Should().BeEquivalentTo(new { Status = MessageStatus.Pending, Content = content, digest.NextAttemptAt });
        removed.DigestItems.Should().Equal(new DigestItem("r-2", T0.AddMinutes(1)));
        removed.History[^1].Should().BeEquivalentTo(new { Event = MessageEvent.RemovedFromDigest, Reason = "Notification 1 of the digest was cancelled: Collected." });
        removed.Invoking(m => m.RemoveFromDigest(T0, 0, content, "Collected.")).Should().Throw<InvalidOperationException>().WithMessage("*last notification is cancelled with the message*");
        digest.MarkDelivered(T0).Invoking(m => m.RemoveFromDigest(T0, 0, content, "Collected.")).Should().Throw<InvalidOperationException>().WithMessage("*only a digest that has not been sent*");
        digest.Invoking(m => m.RemoveFromDigest(T0, 2, content, "Collected.")).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_digest_change_needs_its_content_reason_and_an_items_index()
    {
        var digest = Sms("r-1").StartDigest().AddToDigest(T0.AddMinutes(1), "r-2", new MessageContent(null, "To", null));
        var content = new MessageContent(null, "Én", null);

        digest.Invoking(m => m.AddToDigest(T0, "r-3", null!)).Should().Throw<ArgumentNullException>().WithParameterName("content");
        digest.Invoking(m => m.RemoveFromDigest(T0, 0, null!, "Collected.")).Should().Throw<ArgumentNullException>().WithParameterName("content");
        digest.Invoking(m => m.RemoveFromDigest(T0, 0, content, " ")).Should().Throw<ArgumentException>().WithParameterName("reason");
        digest.Invoking(m => m.RemoveFromDigest(T0, -1, content, "Collected.")).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("index");
    }

    [Fact]
    public void An_anonymized_message_neither_starts_nor_changes_a_digest()
    {
        var digest = Sms("r-1").StartDigest().AddToDigest(T0.AddMinutes(1), "r-2", new MessageContent(null, "To", null));
        var content = new MessageContent(null, "Tre", null);

        Sms().Anonymize(T0).Invoking(m => m.StartDigest()).Should().Throw<InvalidOperationException>().WithMessage("*: the message is anonymized.");
        digest.Anonymize(T0).Invoking(m => m.AddToDigest(T0, "r-3", content)).Should().Throw<InvalidOperationException>().WithMessage("*: the message is anonymized.");
        digest.Anonymize(T0).Invoking(m => m.RemoveFromDigest(T0, 0, content, "Collected.")).Should().Throw<InvalidOperationException>().WithMessage("*: the message is anonymized.");
        Sms().Invoking(m => m.AddToDigest(T0, "r-3", content)).Should().Throw<InvalidOperationException>()
            .WithMessage("*: only a digest that is Pending and never attempted can change its notifications.");
    }

    [Fact]
    public void A_failed_digest_in_the_queue_loses_a_cancelled_notification_and_stays_for_staff()
    {
        var failed = Sms("r-1").StartDigest().AddToDigest(T0.AddMinutes(1), "r-2", new MessageContent(null, "To", null))
            .MarkFailed(T0 + Window, new MessageFailure(MessageFailureKind.Rejected, "No."));

        var removed = failed.RemoveFromDigest(T0 + Window, 1, new MessageContent(null, "Én", null), "Collected.");

        removed.Should().BeEquivalentTo(new { Status = MessageStatus.Failed, NeedsStaff = true });
        removed.History[^1].Should().BeEquivalentTo(new { Event = MessageEvent.RemovedFromDigest, From = MessageStatus.Failed, To = MessageStatus.Failed });
    }

    [Fact]
    public void A_fallback_of_a_digest_keeps_its_items()
    {
        var digest = Sms("r-1").StartDigest().AddToDigest(T0.AddMinutes(1), "r-2", new MessageContent(null, "To", null))
            .MarkFailed(T0 + Window, new MessageFailure(MessageFailureKind.Rejected, "No."));

        var fallback = Message.CreateFallback(MessageId.New(T0), [digest], Protocol.Email, null, new MessageContent("To", "To", null), T0 + Window);

        fallback.DigestItems.Should().Equal(digest.DigestItems);
    }

    [Theory]
    [InlineData(null, 10)] // the window's end
    [InlineData(5, 10)] // earlier than the window's end: the window still gathers
    [InlineData(60, 60)] // later: the notification's own time
    public void A_new_digest_is_due_when_its_window_ends_or_at_the_notifications_later_time(int? notBeforeMinutes, int dueMinutes)
        => DigestPlanner.DueAt(T0, Window, notBeforeMinutes is { } m ? T0.AddMinutes(m) : null).Should().Be(T0.AddMinutes(dueMinutes));

    [Theory]
    [InlineData(3, null, true)] // inside the window
    [InlineData(10, null, false)] // the window ended
    [InlineData(3, 5, true)] // wants to go no earlier than the digest goes
    [InlineData(3, 11, false)] // wants to go after the digest goes
    [InlineData(3, 10, true)] // wants to go exactly when the digest goes
    [InlineData(0, null, true)] // the digest goes exactly one window after the notification's earliest time
    public void A_notification_joins_only_an_open_digest_that_goes_no_earlier_than_it_wants(int arrivesMinutes, int? notBeforeMinutes, bool joins)
    {
        var digest = new[] { Sms().StartDigest(), Sms().StartDigest() };

        DigestPlanner.CanJoin(digest, T0.AddMinutes(arrivesMinutes), Window, notBeforeMinutes is { } m ? T0.AddMinutes(m) : null).Should().Be(joins);
    }

    [Fact]
    public void A_notification_does_not_join_a_digest_with_a_closed_message_or_no_room()
    {
        var open = Sms().StartDigest();
        var full = Enumerable.Range(2, DigestPlanner.MaxItems - 1).Aggregate(open, (d, i) => d.AddToDigest(T0, $"r-{i}", new MessageContent(null, "x", null)));

        DigestPlanner.CanJoin([open, open.MarkFailed(T0, new MessageFailure(MessageFailureKind.TemplateFailed, "Broken."), attempted: false)], T0, Window, null).Should().BeFalse();
        DigestPlanner.CanJoin([full], T0, Window, null).Should().BeFalse();
        DigestPlanner.CanJoin([], T0, Window, null).Should().BeFalse();
    }

    [Fact]
    public void Digest_data_holds_the_first_items_variables_and_every_item_in_order()
    {
        var data = DigestData.Compose(["""{"title":"A","n":1}""", null, """{"title":"C"}"""]);

        data.Should().Be("""{"title":"A","n":1,"items":[{"title":"A","n":1},{},{"title":"C"}]}""");
        DigestData.Items(data).Should().Equal("""{"title":"A","n":1}""", "{}", """{"title":"C"}""");
        DigestData.Items(null).Should().BeEmpty();
        DigestData.Items("""{"title":"A"}""").Should().BeEmpty("data without a list of items is no digest's");
        DigestData.Items("""{"items":"A"}""").Should().BeEmpty("a value that is not a list holds no items");
    }

    private static Message Sms(string? key = null)
        => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), NotificationType.ReservationReady, Protocol.Sms,
            MessageRecipient.Phone(PhoneNumber.Parse("20 12 34 56")), new MessageContent(null, "Din bog er klar", """{"title":"Bogen"}"""), "da-DK", T0, notBefore: T0 + Window, idempotencyKey: key);
}
