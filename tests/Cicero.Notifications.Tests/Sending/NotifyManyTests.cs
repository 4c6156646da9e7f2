using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// Bulk notify: a nightly run's notifications in one call, each handled as <c>NotifyAsync</c> handles it, stored a batch
/// at a time, with a result per notification — and one bad notification never stops the others.
/// </summary>
public sealed class NotifyManyTests
{
    [Fact]
    public async Task Bulk_notify_creates_the_messages_of_every_notification_and_reports_each_in_order()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        await library.SaveProfileAsync("B2", p => library.WithEmail(p, "grete@example.dk"));

        var results = await library.Notifier.NotifyManyAsync([Welcome("B1", "k1"), Welcome("B2", "k2")]);

        results.Select(r => (r.Notification.IdempotencyKey, r.Outcome, r.Messages.Single().Protocol)).Should().Equal(
            ("k1", NotifyOutcome.Created, Protocol.Sms), ("k2", NotifyOutcome.Created, Protocol.Email));
        (await library.Messages.GetAsync(results[1].Messages[0].Id))!.Content!.Body.Should().Be("Kære låner, Bog k2");
    }

    [Fact]
    public async Task A_refused_notification_in_the_middle_is_reported_and_the_others_are_created()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        var badData = Welcome("B1", "k3") with { Data = new Dictionary<string, object?> { ["price"] = double.NaN } };

        var results = await library.Notifier.NotifyManyAsync(
            [Welcome("B1", "k1"), Welcome("B9", "k2"), badData, new Notification(BorrowerId.Parse("B1"), NotificationType.Parse("LibraryNews")), Welcome("B1", "k5")]);

        results.Select(r => r.Outcome).Should().Equal(
            NotifyOutcome.Created, NotifyOutcome.UnknownBorrower, NotifyOutcome.InvalidData, NotifyOutcome.UnknownType, NotifyOutcome.Created);
        results[1].Reason.Should().StartWith("Borrower B9 has no profile");
        results[2].Reason.Should().Contain("'price'");
        results[3].Reason.Should().StartWith("Notification type 'LibraryNews' is not set up");
        results.Where(r => r.IsRefused).Should().OnlyContain(r => r.Messages.Count == 0);
        library.Sms.Sent.Should().BeEmpty("bulk notify only stores; the dispatcher sends");
        (await library.Dispatcher.DispatchDueAsync()).Delivered.Should().Be(2);
    }

    [Fact]
    public async Task Rerunning_a_half_finished_run_creates_nothing_twice()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        var run = Enumerable.Range(0, 1200).Select(i => Welcome("B1", $"reminder-{i}")).ToList();
        var firstTry = await library.Notifier.NotifyManyAsync(run.Take(700));

        var rerun = await library.Notifier.NotifyManyAsync(run);

        rerun.Count(r => r.Outcome == NotifyOutcome.Duplicate).Should().Be(700);
        rerun.Count(r => r.Outcome == NotifyOutcome.Created).Should().Be(500);
        rerun.Take(700).Select(r => r.Messages.Single().Id).Should().Equal(firstTry.Select(r => r.Messages.Single().Id));
        (await library.Dispatcher.DispatchDueAsync()).Claimed.Should().Be(1200, "1 200 messages are stored, no more");
    }

    [Fact]
    public async Task The_same_key_twice_in_one_call_creates_once()
    {
        using var library = new TestLibrary();
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));

        var results = await library.Notifier.NotifyManyAsync([Welcome("B1", "same"), Welcome("B1", "same")]);

        results.Select(r => r.Outcome).Should().Equal(NotifyOutcome.Created, NotifyOutcome.Duplicate);
        results[1].Messages.Single().Id.Should().Be(results[0].Messages.Single().Id);
    }

    [Fact]
    public async Task Each_batch_of_500_notifications_is_stored_in_one_step()
    {
        var store = new BatchCountingStore();
        using var library = new TestLibrary(services: s => s.AddSingleton<IMessageStore>(store));
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));

        await library.Notifier.NotifyManyAsync(Enumerable.Range(0, 1201).Select(i => Welcome("B1", $"k{i}")));

        store.Batches.Should().Equal(500, 500, 201);
    }

    [Fact]
    public async Task A_null_list_or_item_is_refused_naming_it()
    {
        using var library = new TestLibrary();

        await library.Notifier.Invoking(n => n.NotifyManyAsync(null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("notifications");
        await library.Notifier.Invoking(n => n.NotifyManyAsync([null!])).Should().ThrowAsync<ArgumentNullException>().WithParameterName("notifications");
    }

    private static Notification Welcome(string borrower, string key) => new(BorrowerId.Parse(borrower), NotificationType.WelcomeBorrower)
    {
        Data = new Dictionary<string, object?> { ["title"] = $"Bog {key}" },
        IdempotencyKey = key,
    };

    private sealed class BatchCountingStore() : DelegatingMessageStore(new InMemoryMessageStore())
    {
        public List<int> Batches { get; } = [];

        public override Task<IReadOnlyList<AddMessagesResult>> AddManyAsync(IReadOnlyList<MessagesToAdd> batch, CancellationToken cancellationToken = default)
        {
            Batches.Add(batch.Count);
            return Inner.AddManyAsync(batch, cancellationToken);
        }
    }
}
