using Cicero.Notifications.Domain;
using Cicero.Notifications.Hosting;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// Automatic fallback on a fake clock: when every message of a notification failed for good, one message on the next
/// protocol of the type's list goes out, rendered from the stored data; the failed ones leave the queue; once the list is
/// exhausted the failures stay for staff. At most one fallback per notification, also with two dispatchers and a crash.
/// </summary>
public sealed class FallbackTests
{
    private const string Key = "reservation-4711";
    private static readonly Protocol Print = Protocol.Parse("Print");

    [Fact]
    public async Task A_refused_sms_falls_back_to_email_rendered_from_the_stored_data_and_leaves_the_queue()
    {
        using var library = Library(Protocol.Email, Print);
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        var sms = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, "Kongens Fald", Key)).Single();

        await library.Dispatcher.DispatchDueAsync();
        await library.Dispatcher.DispatchDueAsync();

        var messages = await library.Messages.ListByNotificationAsync(sms.Id);
        messages.Select(m => (m.Protocol, m.Status, m.IsReplacedByFallback)).Should().BeEquivalentTo([(Protocol.Sms, MessageStatus.Failed, true), (Protocol.Email, MessageStatus.Sent, false)]);
        var email = messages.Single(m => m.Protocol == Protocol.Email);
        library.Email.Sent.Single().Should().BeEquivalentTo(new { Id = email.Id, Subject = "Besked om Kongens Fald", Body = "Kære låner, Kongens Fald" });
        (email.IdempotencyKey, email.NotificationId).Should().Be((Key, sms.Id));
        messages.Single(m => m.Protocol == Protocol.Sms).History[^1].Reason.Should().Be($"Message {email.Id} on Email took over after it failed (Rejected).");
        email.History[0].Reason.Should().Be($"Fallback after {sms.Id} on Sms failed.");
        (await library.Services.GetRequiredService<IMessageQueue>().CountAsync()).Should().Be(0);
        (await library.Services.GetRequiredService<IBorrowerMessages>().GetAsync(sms.Id))!.IsReplacedByFallback.Should().BeTrue();
        library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "FallbackCreated")
            .Which.Message.Should().Be($"Every message of a ReservationReady notification failed (1 message(s)); fallback message {email.Id} goes out on Email");
    }

    [Fact]
    public async Task When_the_list_is_exhausted_the_last_failure_stays_in_the_queue()
    {
        using var library = Library(Protocol.Email, Protocol.DigitalPost);
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        library.Email.Then(DeliveryResult.PermanentFailure("Mailbox unknown."));
        var sms = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key)).Single();

        await library.Dispatcher.DispatchDueAsync();
        await library.Dispatcher.DispatchDueAsync();
        await library.Dispatcher.DispatchDueAsync();

        var messages = await library.Messages.ListByNotificationAsync(sms.Id);
        messages.Select(m => (m.Protocol, m.NeedsStaff)).Should().BeEquivalentTo([(Protocol.Sms, false), (Protocol.Email, true)]);
        library.DigitalPost.Sent.Should().BeEmpty("the borrower has no CPR number");
        library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "FallbackExhausted");
    }

    [Fact]
    public async Task A_notification_falls_back_only_when_every_message_failed_and_names_them_all()
    {
        using var library = Library([Print], [Protocol.Sms, Protocol.Email]);
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        library.Email.Then(DeliveryResult.TransientFailure("Try later."), DeliveryResult.PermanentFailure("Mailbox unknown."));
        var created = await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key);

        await library.Dispatcher.DispatchDueAsync();
        var afterFirstRound = await library.Messages.ListByNotificationAsync(created[0].Id);
        library.Time.Advance(TimeSpan.FromHours(1));
        await library.Dispatcher.DispatchDueAsync();
        await library.Dispatcher.DispatchDueAsync();

        afterFirstRound.Should().HaveCount(2, "the e-mail was still retrying");
        var messages = await library.Messages.ListByNotificationAsync(created[0].Id);
        messages.Select(m => m.Protocol).Should().BeEquivalentTo([Protocol.Sms, Protocol.Email, Print]);
        messages.Single(m => m.Protocol == Print).History[0].Reason.Should().StartWith("Fallback after ").And.Contain($"{created[0].Id} on Sms").And.Contain($"{created[1].Id} on Email").And.EndWith(" failed.");
        library.Print.Sent.Single().Body.Should().Be("Brev: Kongens Fald");
    }

    [Fact]
    public async Task Retries_exhausted_fall_back_and_a_delivered_message_never_does()
    {
        using var library = Library(Protocol.Email);
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.TransientFailure("Busy."), DeliveryResult.TransientFailure("Busy."), DeliveryResult.TransientFailure("Busy."));
        var failing = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: "loan-1")).Single();
        await library.Dispatcher.DispatchDueAsync();
        for (var i = 0; i < 6; i++)
        {
            library.Time.Advance(TimeSpan.FromHours(2));
            await library.Dispatcher.DispatchDueAsync();
        }

        var delivered = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: "loan-2")).Single();
        await library.Dispatcher.DispatchDueAsync();

        (await library.Messages.ListByNotificationAsync(failing.Id)).Select(m => (m.Protocol, m.Status)).Should().BeEquivalentTo([(Protocol.Sms, MessageStatus.Failed), (Protocol.Email, MessageStatus.Sent)]);
        (await library.GetAsync(failing.Id)).LastFailure!.Kind.Should().Be(MessageFailureKind.RetriesExhausted);
        (await library.Messages.ListByNotificationAsync(delivered.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_undeliverable_receipt_starts_the_fallback()
    {
        using var library = Library(Protocol.Email);
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.Delivered("gw-1"));
        var sms = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key)).Single();
        await library.Dispatcher.DispatchDueAsync();

        await library.Services.GetRequiredService<IDeliveryReceipts>().ApplyAsync(new DeliveryReceipt(Protocol.Sms, "gw-1", DeliveryReceiptOutcome.FailedPermanently, library.Time.GetUtcNow()));
        await library.Dispatcher.DispatchDueAsync();

        (await library.Messages.ListByNotificationAsync(sms.Id)).Select(m => (m.Protocol, m.Status)).Should().BeEquivalentTo([(Protocol.Sms, MessageStatus.Failed), (Protocol.Email, MessageStatus.Sent)]);
    }

    [Fact]
    public async Task An_in_doubt_message_falls_back_only_when_the_type_says_so()
    {
        foreach (var onInDoubt in new[] { false, true })
        {
            using var library = Library([Protocol.Email], onInDoubt: onInDoubt);
            await SaveBorrowerAsync(library);
            var sms = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key)).Single();
            await library.Messages.TryUpdateAsync(sms.MarkFailed(library.Time.GetUtcNow(), new MessageFailure(MessageFailureKind.InDoubt, "Interrupted."), attempted: false));

            var result = await library.Services.GetRequiredService<INightlyJobs>().RunAsync();

            (result.FallbacksCreated, (await library.Messages.ListByNotificationAsync(sms.Id)).Count).Should().Be(onInDoubt ? (1, 2) : (0, 1));
        }
    }

    [Fact]
    public async Task Cancelling_the_notification_also_cancels_its_fallback_message()
    {
        using var library = Library(Protocol.Email);
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        var sms = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key)).Single();
        await library.Dispatcher.DispatchDueAsync();

        var result = await library.Notifier.CancelAsync(Key, "The reservation was collected.");

        result.Messages.Select(m => (m.Message.Protocol, m.Outcome)).Should().BeEquivalentTo([(Protocol.Sms, CancelOutcome.Cancelled), (Protocol.Email, CancelOutcome.Cancelled)]);
        await library.Dispatcher.DispatchDueAsync();
        library.Email.Sent.Should().BeEmpty();
        (await library.Messages.ListByNotificationAsync(sms.Id)).Should().OnlyContain(m => m.IsCancelled);
    }

    [Fact]
    public async Task Two_dispatchers_failing_both_messages_at_once_create_one_fallback()
    {
        var store = new GatedStore(new InMemoryMessageStore(), parties: 2);
        using var library = Library([Print], [Protocol.Sms, Protocol.Email], services: s => s.AddSingleton<IMessageStore>(store), batchSize: 1);
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        library.Email.Then(DeliveryResult.PermanentFailure("Mailbox unknown."));
        var created = await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key);
        var second = ActivatorUtilities.CreateInstance<MessageDispatcher>(library.Services);

        // The first dispatcher fails the SMS and waits at the gate (it reads the notification after storing the failure);
        // the second claims the e-mail, fails it, and both read the notification with both failures stored.
        var first = library.Dispatcher.DispatchDueAsync();
        await store.FirstArrived;
        await Task.WhenAll(first, second.DispatchDueAsync());
        await library.Dispatcher.DispatchDueAsync();

        var messages = await library.Messages.ListByNotificationAsync(created[0].Id);
        messages.Select(m => m.Protocol).Should().BeEquivalentTo([Protocol.Sms, Protocol.Email, Print]);
        store.FallbacksRefused.Should().Be(1, "both decided the fallback and the store kept one");
        library.Print.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task A_crash_between_the_failure_and_its_fallback_is_mended_once_when_two_hosts_start_again()
    {
        var (library, sms) = await CrashBetweenFailureAndFallbackAsync();
        using var _ = library;
        var afterCrash = await library.Messages.ListByNotificationAsync(sms.Id);
        var fallbacks = library.Services.GetRequiredService<NotificationFallbacks>();
        var restarted = await Task.WhenAll(fallbacks.SweepAsync(), ActivatorUtilities.CreateInstance<NotificationFallbacks>(library.Services).SweepAsync());
        var again = await library.Services.GetRequiredService<INightlyJobs>().RunAsync();
        await library.Dispatcher.DispatchDueAsync();

        afterCrash.Should().ContainSingle().Which.NeedsStaff.Should().BeTrue("the failure was stored, its fallback was not");
        library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "FallbackFailed");
        (restarted.Sum(), again.FallbacksCreated).Should().Be((1, 0));
        (await library.Messages.ListByNotificationAsync(sms.Id)).Select(m => (m.Protocol, m.Status)).Should().BeEquivalentTo([(Protocol.Sms, MessageStatus.Failed), (Protocol.Email, MessageStatus.Sent)]);
        library.Email.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task The_background_service_mends_interrupted_fallbacks_when_it_starts()
    {
        var (library, sms) = await CrashBetweenFailureAndFallbackAsync();
        using var _ = library;

        var receipts = new FirstRoundReceipts(library.Services.GetRequiredService<IDeliveryReceipts>());
        using var service = new NotificationBackgroundService(library.Dispatcher, receipts, library.Services.GetRequiredService<NotificationFallbacks>(),
            library.Services.GetRequiredService<IOptions<CiceroNotificationsOptions>>(), library.Time);
        await service.StartAsync(CancellationToken.None);
        await receipts.FirstRound.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await service.StopAsync(CancellationToken.None);

        (await library.Messages.ListByNotificationAsync(sms.Id)).Select(m => (m.Protocol, m.Status)).Should().BeEquivalentTo([(Protocol.Sms, MessageStatus.Failed), (Protocol.Email, MessageStatus.Sent)]);
    }

    private static Task SaveBorrowerAsync(TestLibrary library)
        => library.SaveProfileAsync("B-1", p => library.WithEmail(library.WithPhone(p, "+45 20 12 34 56"), "hans@example.dk"));

    /// <summary>A refused SMS whose fallback (to e-mail) failed to be stored, as when the process stopped in between; the store works again after.</summary>
    private static async Task<(TestLibrary Library, Message Sms)> CrashBetweenFailureAndFallbackAsync()
    {
        var store = new CrashingFallbackStore(new InMemoryMessageStore());
        var library = Library([Protocol.Email], services: s => s.AddSingleton<IMessageStore>(store));
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        var sms = (await library.NotifyAsync("B-1", NotificationType.ReservationReady, idempotencyKey: Key)).Single();
        await library.Dispatcher.DispatchDueAsync();
        store.Crash = false;
        return (library, sms);
    }

    private static TestLibrary Library(params Protocol[] fallback) => Library(fallback, protocols: null);

    private static TestLibrary Library(Protocol[] fallback, Protocol[]? protocols = null, Action<IServiceCollection>? services = null, int batchSize = 100, bool onInDoubt = false)
        => new(o =>
        {
            var type = o.Types["ReservationReady"];
            type.Protocols.Clear();
            foreach (var protocol in protocols ?? [Protocol.Sms])
            {
                type.Protocols.Add(protocol);
            }

            foreach (var protocol in fallback)
            {
                type.Fallback.Add(protocol);
            }

            type.FallbackOnInDoubt = onInDoubt;
            o.Retry.MaxAttempts = 3;
            o.Dispatch.BatchSize = batchSize;
        }, services);

    /// <summary>
    /// Holds the first <c>parties</c> readers of a notification until all of them have arrived (every failure is stored),
    /// then the first <c>parties</c> fallbacks until all of them have arrived (every reader decided); counts refused fallbacks.
    /// </summary>
    private sealed class GatedStore(IMessageStore inner, int parties) : DelegatingMessageStore(inner)
    {
        private readonly Gate _read = new(parties);
        private readonly Gate _write = new(parties);
        private int _refused;

        public Task FirstArrived => _read.FirstArrived;

        public int FallbacksRefused => _refused;

        public override async Task<IReadOnlyList<Message>> ListByNotificationAsync(MessageId notificationId, CancellationToken cancellationToken = default)
        {
            await _read.PassAsync();
            return await base.ListByNotificationAsync(notificationId, cancellationToken);
        }

        public override async Task<Message?> TryAddFallbackAsync(IReadOnlyList<Message> replaced, Message fallback, CancellationToken cancellationToken = default)
        {
            await _write.PassAsync();
            var stored = await base.TryAddFallbackAsync(replaced, fallback, cancellationToken);
            if (stored is null)
            {
                Interlocked.Increment(ref _refused);
            }

            return stored;
        }
    }

    /// <summary>Fails every fallback while <see cref="Crash"/> is set: the process stopped between the failure and its fallback.</summary>
    private sealed class CrashingFallbackStore(IMessageStore inner) : DelegatingMessageStore(inner)
    {
        public bool Crash { get; set; } = true;

        public override Task<Message?> TryAddFallbackAsync(IReadOnlyList<Message> replaced, Message fallback, CancellationToken cancellationToken = default)
            => Crash ? throw new IOException("The process stopped.") : base.TryAddFallbackAsync(replaced, fallback, cancellationToken);
    }

    /// <summary>Signals the end of the background service's first round (it applies kept receipts last).</summary>
    private sealed class FirstRoundReceipts(IDeliveryReceipts inner) : IDeliveryReceipts
    {
        public TaskCompletionSource FirstRound { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<DeliveryReceiptResult> ApplyAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default) => inner.ApplyAsync(receipt, cancellationToken);

        public Task<IReadOnlyList<DeliveryReceiptResult>> ApplyManyAsync(IReadOnlyList<DeliveryReceipt> receipts, CancellationToken cancellationToken = default) => inner.ApplyManyAsync(receipts, cancellationToken);

        public async Task<int> ApplyKeptAsync(CancellationToken cancellationToken = default)
        {
            var applied = await inner.ApplyKeptAsync(cancellationToken);
            FirstRound.TrySetResult();
            return applied;
        }
    }
}
