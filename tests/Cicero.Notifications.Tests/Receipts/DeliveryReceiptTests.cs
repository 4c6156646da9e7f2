using Cicero.Notifications.Domain;
using Cicero.Notifications.Hosting;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Receipts;

/// <summary>
/// Providers report what became of a Sent message: a confirmation is recorded with the status unchanged; a permanent
/// failure makes the message Failed (undeliverable) and puts it in the message queue. Receipts are idempotent, ordered by
/// the provider's time, and never lost when they arrive before the dispatcher has recorded the message.
/// </summary>
public sealed class DeliveryReceiptTests : IDisposable
{
    private readonly TestLibrary _library = new();
    private int _providerIds;

    public DeliveryReceiptTests()
    {
        _library.Sms.Otherwise = _ => DeliveryResult.Delivered("gw-" + Interlocked.Increment(ref _providerIds));
    }

    private IDeliveryReceipts Receipts => _library.Services.GetRequiredService<IDeliveryReceipts>();

    [Fact]
    public async Task A_delivered_receipt_confirms_the_message_without_changing_its_status_or_change_time()
    {
        var sent = await SentSmsAsync();
        _library.Time.Advance(TimeSpan.FromMinutes(3));

        var result = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.Delivered, sent.ChangedAt.AddSeconds(20)));
        var confirmed = await _library.GetAsync(sent.Id);
        var row = await _library.Services.GetRequiredService<IBorrowerMessages>().GetAsync(sent.Id);

        result.Should().Be(DeliveryReceiptResult.Applied);
        (confirmed.Status, confirmed.ChangedAt, confirmed.DeliveredAt).Should().Be((MessageStatus.Sent, sent.ChangedAt, sent.ChangedAt.AddSeconds(20)));
        confirmed.History[^1].Should().BeEquivalentTo(new { Event = MessageEvent.DeliveryConfirmed, From = MessageStatus.Sent, To = MessageStatus.Sent, Reason = (string?)null });
        row!.DeliveredAt.Should().Be(sent.ChangedAt.AddSeconds(20));
    }

    [Fact]
    public async Task A_permanent_failure_makes_the_sent_message_failed_and_puts_it_in_the_message_queue()
    {
        var sent = await SentSmsAsync();
        _library.Time.Advance(TimeSpan.FromMinutes(3));
        var arrival = _library.Time.GetUtcNow();

        var result = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, sent.ChangedAt.AddMinutes(1), "Unknown subscriber"));
        var failed = await _library.GetAsync(sent.Id);
        var queue = await _library.Services.GetRequiredService<IMessageQueue>().ListAsync(new MessageQueueFilter { FailureKind = MessageFailureKind.Undeliverable }, new PageRequest());

        result.Should().Be(DeliveryReceiptResult.Applied);
        (failed.Status, failed.LastFailure, failed.ChangedAt, failed.AttemptCount).Should().Be((MessageStatus.Failed, new MessageFailure(MessageFailureKind.Undeliverable, "Unknown subscriber"), arrival, 1));
        queue.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { sent.Id, FailureName = "Kunne ikke leveres", FailureReason = "Unknown subscriber" });
    }

    [Fact]
    public async Task The_same_receipt_twice_changes_nothing_the_second_time()
    {
        var sent = await SentSmsAsync();
        var receipt = Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, sent.ChangedAt.AddMinutes(1), "Expired");

        var first = await Receipts.ApplyAsync(receipt);
        var afterFirst = await _library.GetAsync(sent.Id);
        _library.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Receipts.ApplyAsync(receipt);

        (first, second).Should().Be((DeliveryReceiptResult.Applied, DeliveryReceiptResult.Unchanged));
        (await _library.GetAsync(sent.Id)).Should().Be(afterFirst);
    }

    [Fact]
    public async Task An_older_failure_never_overrides_a_newer_confirmation()
    {
        var sent = await SentSmsAsync();
        await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.Delivered, sent.ChangedAt.AddMinutes(2)));

        var late = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, sent.ChangedAt.AddMinutes(1), "Expired"));

        late.Should().Be(DeliveryReceiptResult.Unchanged);
        (await _library.GetAsync(sent.Id)).Status.Should().Be(MessageStatus.Sent);
    }

    [Fact]
    public async Task A_bounce_newer_than_the_confirmation_fails_the_message()
    {
        var sent = await SentSmsAsync();
        await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.Delivered, sent.ChangedAt.AddMinutes(1)));

        var bounce = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, sent.ChangedAt.AddMinutes(2), "Mailbox does not exist"));

        bounce.Should().Be(DeliveryReceiptResult.Applied);
        (await _library.GetAsync(sent.Id)).Should().BeEquivalentTo(new { Status = MessageStatus.Failed, DeliveredAt = sent.ChangedAt.AddMinutes(1) });
    }

    [Fact]
    public async Task A_confirmation_after_a_failure_changes_nothing()
    {
        var sent = await SentSmsAsync();
        await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, sent.ChangedAt.AddMinutes(1), "Expired"));

        var late = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.Delivered, sent.ChangedAt.AddMinutes(2)));

        late.Should().Be(DeliveryReceiptResult.Unchanged);
        (await _library.GetAsync(sent.Id)).Should().BeEquivalentTo(new { Status = MessageStatus.Failed, DeliveredAt = (DateTimeOffset?)null });
    }

    [Fact]
    public async Task A_transient_receipt_is_ignored()
    {
        var sent = await SentSmsAsync();

        var result = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedTransiently, sent.ChangedAt, "Buffered"));

        result.Should().Be(DeliveryReceiptResult.Unchanged);
        (await _library.GetAsync(sent.Id)).Should().Be(sent);
        (await _library.Messages.ListUnmatchedReceiptsAsync(10)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_receipt_for_an_anonymized_message_only_records_the_confirmation()
    {
        var sent = await SentSmsAsync();
        var anonymized = await _library.Messages.TryUpdateAsync(sent.Anonymize(_library.Time.GetUtcNow()));

        var failure = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, sent.ChangedAt, "Expired"));
        var confirmation = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.Delivered, sent.ChangedAt));

        (failure, confirmation).Should().Be((DeliveryReceiptResult.Unchanged, DeliveryReceiptResult.Applied));
        (await _library.GetAsync(sent.Id)).Should().BeEquivalentTo(new { Status = MessageStatus.Sent, IsAnonymized = true, anonymized!.ChangedAt, DeliveredAt = sent.ChangedAt });
    }

    [Fact]
    public async Task A_receipt_for_a_message_handled_by_hand_changes_nothing()
    {
        var sent = await SentSmsAsync();
        await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, sent.ChangedAt, "Expired"));
        var handled = await _library.Services.GetRequiredService<IMessageQueue>().MarkHandledAsync(sent.Id, "staff-1", "Phoned the borrower");

        var late = await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.Delivered, sent.ChangedAt.AddMinutes(1)));

        late.Should().Be(DeliveryReceiptResult.Unchanged);
        (await _library.GetAsync(sent.Id)).Should().Be(handled);
    }

    [Fact]
    public async Task A_receipt_that_arrives_while_the_gateway_is_still_answering_is_applied_once_the_message_is_recorded()
    {
        // A fast gateway calls the webhook before it answers the send: the dispatcher has not recorded Sent yet.
        var during = new List<DeliveryReceiptResult>();
        _library.Sms.Then(message =>
        {
            during.Add(Receipts.ApplyAsync(Receipt("gw-early", DeliveryReceiptOutcome.Delivered, Start.AddSeconds(1))).GetAwaiter().GetResult());
            return DeliveryResult.Delivered("gw-early");
        });
        await _library.SaveProfileAsync("B-1", p => _library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await _library.NotifyAsync("B-1", NotificationType.ReservationReady))[0];
        await _library.Dispatcher.DispatchDueAsync();
        var beforeKept = await _library.GetAsync(message.Id);

        var applied = await Receipts.ApplyKeptAsync();
        var after = await _library.GetAsync(message.Id);

        (during.Single(), beforeKept.DeliveredAt).Should().Be((DeliveryReceiptResult.Kept, (DateTimeOffset?)null));
        (applied, after.Status, after.DeliveredAt).Should().Be((1, MessageStatus.Sent, Start.AddSeconds(1)));
        (await _library.Messages.ListUnmatchedReceiptsAsync(10)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_failure_kept_before_the_sent_record_fails_the_message_once_it_is_recorded()
    {
        var arrival = _library.Time.GetUtcNow();
        await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.FailedPermanently, arrival, "Unknown subscriber"));
        var sent = await SentSmsAsync();
        _library.Time.Advance(TimeSpan.FromMinutes(1));

        await Receipts.ApplyKeptAsync();

        (await _library.GetAsync(sent.Id)).Should().BeEquivalentTo(new { Status = MessageStatus.Failed, ChangedAt = sent.ChangedAt });
    }

    [Fact]
    public async Task The_background_service_applies_kept_receipts_after_each_dispatch()
    {
        await Receipts.ApplyAsync(Receipt("gw-1", DeliveryReceiptOutcome.Delivered, Start));
        await _library.SaveProfileAsync("B-1", p => _library.WithPhone(p, "+45 20 12 34 56"));
        var message = (await _library.NotifyAsync("B-1", NotificationType.ReservationReady))[0];
        var watched = new WatchedReceipts(Receipts);
        using var service = new NotificationBackgroundService(_library.Dispatcher, watched, _library.Services.GetRequiredService<NotificationFallbacks>(), _library.Services.GetRequiredService<IOptions<CiceroNotificationsOptions>>(), _library.Time);

        await service.StartAsync(CancellationToken.None);
        var found = await watched.FirstKeptRun.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await service.StopAsync(CancellationToken.None);

        found.Should().Be(1, "the first run dispatches the message, then finds its kept receipt");
        (await _library.GetAsync(message.Id)).DeliveredAt.Should().Be(Start);
    }

    [Fact]
    public async Task Receipts_that_match_no_message_are_logged_once_per_batch_and_forgotten_by_the_nightly_jobs()
    {
        var receipts = Enumerable.Range(0, 3).Select(i => Receipt("unknown-" + i, DeliveryReceiptOutcome.FailedPermanently, Start, "Hans Hansen +4520123456 bounced")).ToList();
        using var counter = _library.Metric("cicero.notifications.receipts");

        var results = await Receipts.ApplyManyAsync(receipts);
        _library.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var night = await _library.Services.GetRequiredService<INightlyJobs>().RunAsync();

        results.Should().Equal(DeliveryReceiptResult.Kept, DeliveryReceiptResult.Kept, DeliveryReceiptResult.Kept);
        _library.Logs.GetSnapshot().Where(l => l.Id.Name == "ReceiptsUnmatched").Should().ContainSingle().Which.Message.Should().StartWith("3 of 3 delivery receipt(s) matched no message");
        (night.UnmatchedReceiptsForgotten, (await _library.Messages.ListUnmatchedReceiptsAsync(10)).Count).Should().Be((3, 0));
        counter.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(6, "3 kept, then 3 forgotten");
        _library.Logs.GetSnapshot().Should().NotContain(l => l.Message.Contains("Hans", StringComparison.Ordinal) || l.Message.Contains("2012", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_is_applied_in_order_with_one_result_per_receipt()
    {
        var first = await SentSmsAsync("B-1", "+45 20 12 34 56");
        var second = await SentSmsAsync("B-2", "+45 20 65 43 21");

        var results = await Receipts.ApplyManyAsync(
        [
            Receipt("gw-1", DeliveryReceiptOutcome.Delivered, Start),
            Receipt("gw-2", DeliveryReceiptOutcome.FailedPermanently, Start, "Expired"),
            Receipt("gw-1", DeliveryReceiptOutcome.Delivered, Start),
            Receipt("gw-404", DeliveryReceiptOutcome.Delivered, Start),
        ]);

        results.Should().Equal(DeliveryReceiptResult.Applied, DeliveryReceiptResult.Applied, DeliveryReceiptResult.Unchanged, DeliveryReceiptResult.Kept);
        ((await _library.GetAsync(first.Id)).DeliveredAt, (await _library.GetAsync(second.Id)).Status).Should().Be((Start, MessageStatus.Failed));
    }

    [Fact]
    public void A_receipt_without_a_provider_id_or_with_an_unknown_outcome_is_refused()
    {
        var noId = () => new DeliveryReceipt(Protocol.Sms, " ", DeliveryReceiptOutcome.Delivered, Start);
        var control = () => new DeliveryReceipt(Protocol.Sms, "gw\n1", DeliveryReceiptOutcome.Delivered, Start);
        var unknown = () => new DeliveryReceipt(Protocol.Sms, "gw-1", (DeliveryReceiptOutcome)9, Start);

        noId.Should().Throw<ArgumentException>().WithMessage("The receipt has no provider message id.*");
        control.Should().Throw<ArgumentException>().WithMessage("*at most 256 characters without control characters*");
        unknown.Should().Throw<ArgumentException>().WithMessage("'9' is not a receipt outcome*");
    }

    [Fact]
    public void A_long_reason_is_cut_and_its_line_breaks_become_spaces()
    {
        var receipt = new DeliveryReceipt(Protocol.Sms, "gw-1", DeliveryReceiptOutcome.FailedPermanently, Start, "  550 5.1.1\r\nUser unknown" + new string('x', 600));

        (receipt.Reason!.Length, receipt.Reason[..24]).Should().Be((DeliveryReceipt.MaxReasonLength, "550 5.1.1  User unknownx"));
    }

    public void Dispose() => _library.Dispose();

    private static DateTimeOffset Start => TestLibrary.Start;

    private static DeliveryReceipt Receipt(string id, DeliveryReceiptOutcome outcome, DateTimeOffset at, string? reason = null) => new(Protocol.Sms, id, outcome, at, reason);

    private async Task<Message> SentSmsAsync(string borrower = "B-1", string phone = "+45 20 12 34 56")
    {
        await _library.SaveProfileAsync(borrower, p => _library.WithPhone(p, phone));
        var message = (await _library.NotifyAsync(borrower, NotificationType.ReservationReady))[0];
        await _library.Dispatcher.DispatchDueAsync();
        var sent = await _library.GetAsync(message.Id);
        sent.Status.Should().Be(MessageStatus.Sent);
        return sent;
    }

    private sealed class WatchedReceipts(IDeliveryReceipts inner) : IDeliveryReceipts
    {
        public TaskCompletionSource<int> FirstKeptRun { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<DeliveryReceiptResult> ApplyAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default) => inner.ApplyAsync(receipt, cancellationToken);

        public Task<IReadOnlyList<DeliveryReceiptResult>> ApplyManyAsync(IReadOnlyList<DeliveryReceipt> receipts, CancellationToken cancellationToken = default) => inner.ApplyManyAsync(receipts, cancellationToken);

        public async Task<int> ApplyKeptAsync(CancellationToken cancellationToken = default)
        {
            var found = await inner.ApplyKeptAsync(cancellationToken);
            FirstKeptRun.TrySetResult(found);
            return found;
        }
    }
}
