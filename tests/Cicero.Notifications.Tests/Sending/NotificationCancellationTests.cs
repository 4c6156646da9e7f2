using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// The host withdraws a notification that is no longer true: its unsent messages stop (Failed, cancelled, dismissed),
/// sent ones and ones being sent are untouched, and a cancelled message never reaches a channel.
/// </summary>
public sealed class NotificationCancellationTests
{
    private const string Key = "reservation-4711";

    [Fact]
    public async Task An_unsent_message_is_cancelled_never_sent_out_of_the_queue_and_on_the_borrowers_list_with_the_reason()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key))[0];
        library.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await library.Notifier.CancelAsync(Key, "The reservation was collected.");
        await library.Dispatcher.DispatchDueAsync();
        var row = await library.Services.GetRequiredService<IBorrowerMessages>().GetAsync(message.Id);

        (result.Found, result.Cancelled, result.Messages.Single().Outcome).Should().Be((true, 1, CancelOutcome.Cancelled));
        library.Sms.Sent.Should().BeEmpty();
        (await library.Services.GetRequiredService<IMessageQueue>().CountAsync()).Should().Be(0);
        row.Should().BeEquivalentTo(new
        {
            Status = MessageStatus.Failed,
            FailureKind = MessageFailureKind.Cancelled,
            FailureName = "Annulleret",
            FailureReason = "The reservation was collected.",
            IsDismissed = true,
            ChangedAt = TestLibrary.Start.AddMinutes(1),
            AvailableActions = MessageActions.None,
        });
        row!.History[^1].Should().BeEquivalentTo(new { Event = MessageEvent.Cancelled, To = MessageStatus.Failed, Reason = "The reservation was collected." });
    }

    [Fact]
    public async Task A_sent_message_is_untouched_and_the_result_says_so()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key))[0];
        await library.Dispatcher.DispatchDueAsync();
        var sent = await library.GetAsync(message.Id);

        var result = await library.Notifier.CancelAsync(Key, "The reservation was collected.");

        (result.Messages.Single().Outcome, result.Cancelled).Should().Be((CancelOutcome.Sent, 0));
        (await library.GetAsync(message.Id)).Should().Be(sent);
    }

    [Fact]
    public async Task Of_two_messages_the_sent_one_stays_and_the_held_one_is_cancelled()
    {
        using var library = new TestLibrary(o => o.Types["ReservationReady"].Protocols.Remove(Protocol.DigitalPost));
        await library.SaveProfileAsync("B-1", p => library.WithEmail(library.WithPhone(p, "+45 20 12 34 56"), "hans@example.dk", ContactSource.Manual));
        var created = await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key);
        await library.Dispatcher.DispatchDueAsync();

        var result = await library.Notifier.CancelAsync(Key, "Loan returned.");

        result.Messages.Select(m => (m.Message.Protocol, m.Outcome)).Should().BeEquivalentTo([(Protocol.Sms, CancelOutcome.Sent), (Protocol.Email, CancelOutcome.Cancelled)]);
        created.Single(m => m.Protocol == Protocol.Email).IsHeld.Should().BeTrue("a manually added address waits for verification");
        (await library.GetAsync(created.Single(m => m.Protocol == Protocol.Email).Id)).IsHeld.Should().BeFalse();
    }

    [Fact]
    public async Task A_message_claimed_but_not_yet_begun_is_cancelled_and_the_dispatcher_sends_nothing()
    {
        var store = new CancelBeforeBeginStore();
        using var library = new TestLibrary(services: s => s.AddSingleton<IMessageStore>(store));
        store.Cancel = () => library.Notifier.CancelAsync(Key, "The reservation was collected.");
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key))[0];

        await library.Dispatcher.DispatchDueAsync();

        store.Result!.Messages.Single().Outcome.Should().Be(CancelOutcome.Cancelled);
        library.Sms.Sent.Should().BeEmpty();
        (await library.GetAsync(message.Id)).IsCancelled.Should().BeTrue();
        library.Logs.GetSnapshot().Should().Contain(l => l.Id.Name == "ClaimLost");
    }

    [Fact]
    public async Task A_message_whose_send_has_begun_is_not_cancelled_and_is_recorded_sent()
    {
        using var library = new TestLibrary();
        var during = new List<CancelResult>();
        library.Sms.Then(_ =>
        {
            during.Add(library.Notifier.CancelAsync(Key, "The reservation was collected.").GetAwaiter().GetResult());
            return DeliveryResult.Delivered("gw-1");
        });
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key))[0];

        await library.Dispatcher.DispatchDueAsync();

        during.Single().Messages.Single().Outcome.Should().Be(CancelOutcome.Sending);
        (await library.GetAsync(message.Id)).Status.Should().Be(MessageStatus.Sent);
        library.Sms.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task Cancelling_twice_changes_nothing_the_second_time()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key))[0];
        await library.Notifier.CancelAsync(Key, "Collected.");
        var cancelled = await library.GetAsync(message.Id);
        library.Time.Advance(TimeSpan.FromHours(1));

        var again = await library.Notifier.CancelAsync(Key, "Collected again.");

        again.Messages.Single().Outcome.Should().Be(CancelOutcome.AlreadyCancelled);
        (await library.GetAsync(message.Id)).Should().Be(cancelled);
    }

    [Fact]
    public async Task An_unknown_key_finds_nothing_and_changes_nothing()
    {
        using var library = new TestLibrary();

        var result = await library.Notifier.CancelAsync("no-such-notification", "Collected.");

        (result.Found, result.Messages.Count).Should().Be((false, 0));
        library.Logs.GetSnapshot().Should().NotContain(l => l.Id.Name == "NotificationCancelled");
    }

    [Fact]
    public async Task Staff_cannot_send_a_cancelled_message_again()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key))[0];
        await library.Notifier.CancelAsync(Key, "Collected.");
        var queue = library.Services.GetRequiredService<IMessageQueue>();

        var retry = () => queue.RetryAsync(message.Id, "staff-1");
        var reroute = () => queue.RerouteAsync(message.Id, Protocol.Email, "staff-1");

        (await retry.Should().ThrowAsync<MessageActionException>()).Which.Message.Should().EndWith("the host cancelled its notification: a cancelled message is never sent.");
        await reroute.Should().ThrowAsync<MessageActionException>();
    }

    [Fact]
    public async Task The_log_line_counts_and_never_names_the_key_or_the_reason()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B-1", p => library.WithPhone(p, "+45 20 12 34 56"));
        await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: "loan-0707614285");

        await library.Notifier.CancelAsync("loan-0707614285", "Hans Hansen returned the book");

        var line = library.Logs.GetSnapshot().Single(l => l.Id.Name == "NotificationCancelled");
        line.Message.Should().Be("Notification cancelled by the host: 1 message(s) stopped, 0 digest(s) without it, 0 already sent, 0 being sent");
        library.Logs.GetSnapshot().Should().NotContain(l => l.Message.Contains("0707614285", StringComparison.Ordinal) || l.Message.Contains("Hans", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "Collected.")]
    [InlineData("loan-1", " ")]
    public async Task A_blank_key_or_reason_is_refused(string key, string reason)
    {
        using var library = new TestLibrary();

        var act = () => library.Notifier.CancelAsync(key, reason);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_reason_of_up_to_500_characters_is_kept_and_a_longer_one_refused()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        await library.NotifyAsync("B1", NotificationType.ReservationReady, idempotencyKey: Key);

        var tooLong = () => library.Notifier.CancelAsync(Key, new string('x', 501));
        (await tooLong.Should().ThrowAsync<ArgumentException>()).WithMessage("The cancellation reason is longer than 500 characters.*");
        var result = await library.Notifier.CancelAsync(Key, new string('x', 500));

        result.Messages.Single().Message.LastFailure!.Reason.Should().HaveLength(500);
    }

    /// <summary>Cancels the notification between the dispatcher's claim and its begun send.</summary>
    private sealed class CancelBeforeBeginStore() : DelegatingMessageStore(new InMemoryMessageStore())
    {
        public Func<Task<CancelResult>>? Cancel { get; set; }

        public CancelResult? Result { get; private set; }

        public override async Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
        {
            Result ??= await Cancel!();
            return await Inner.TryBeginSendAsync(id, owner, now, leaseUntil, cancellationToken);
        }
    }
}
