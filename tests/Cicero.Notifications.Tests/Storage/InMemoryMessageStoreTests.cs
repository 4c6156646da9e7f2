using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Tests.Storage;

/// <summary>
/// The in-memory store's own queue upkeep, beyond the conformance suite: stale due items and leases that pile up in the
/// thousands and are dropped as they come to the front, refused batches, and claims racing adds and updates.
/// </summary>
public sealed class InMemoryMessageStoreTests
{
    private const int Many = 3000;

    [Fact]
    public async Task Messages_rescheduled_thousands_of_times_are_each_claimed_once()
    {
        var store = new InMemoryMessageStore();
        var stored = (await store.AddAsync([.. Enumerable.Range(0, Many).Select(_ => Pending(NewBorrower(), T0))], null)).Messages;
        foreach (var message in stored)
        {
            var later = await store.TryUpdateAsync(message.ScheduleRetry(T0, "Provider paused", T0.AddMinutes(30)));
            await store.TryUpdateAsync(later!.ScheduleRetry(T0, "Provider paused again", T0.AddMinutes(20)));
        }

        var claimed = await store.ClaimDueAsync("host-a", T0.AddHours(1), T0.AddHours(2), Many * 2, []);

        claimed.Select(c => c.Message.Id).Should().BeEquivalentTo(stored.Select(m => m.Id));
    }

    [Fact]
    public async Task Rescheduled_messages_are_not_claimed_before_their_new_time()
    {
        var store = new InMemoryMessageStore();
        var stored = (await store.AddAsync([.. Enumerable.Range(0, Many).Select(_ => Pending(NewBorrower(), T0))], null)).Messages;
        foreach (var message in stored)
        {
            await store.TryUpdateAsync(message.ScheduleRetry(T0, "Provider paused", T0.AddMinutes(30)));
        }

        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(29), T0.AddMinutes(34), Many * 2, []);

        claimed.Should().BeEmpty();
    }

    [Fact]
    public async Task After_thousands_of_leases_only_the_messages_never_recorded_are_reclaimed()
    {
        var store = new InMemoryMessageStore();
        await store.AddAsync([.. Enumerable.Range(0, Many).Select(_ => Pending(NewBorrower(), T0))], null);
        var claimed = await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), Many, []);
        var recorded = claimed.Where((_, i) => i % 3 != 0).ToList();
        foreach (var c in recorded)
        {
            await store.TryUpdateAsync(c.Message.MarkDelivered(T0.AddSeconds(1)));
        }

        var reclaimed = await store.ClaimDueAsync("host-b", T0.AddMinutes(5), T0.AddMinutes(10), Many, []);

        reclaimed.Select(c => c.Message.Id).Should().BeEquivalentTo(claimed.Where((_, i) => i % 3 == 0).Select(c => c.Message.Id));
    }

    [Fact]
    public async Task A_refused_batch_is_not_counted()
    {
        var store = new InMemoryMessageStore();
        var first = Pending(NewBorrower(), T0);
        await store.AddAsync([first], null);
        var refused = () => store.AddAsync([Pending(NewBorrower(), T0), Pending(NewBorrower(), T0), first], null);
        await refused.Should().ThrowAsync<InvalidOperationException>();

        var count = store.Count;

        count.Should().Be(1);
    }

    [Fact]
    public async Task A_refused_batch_leaves_nothing_on_the_borrowers_list()
    {
        var store = new InMemoryMessageStore();
        var borrower = NewBorrower();
        var first = Pending(NewBorrower(), T0);
        await store.AddAsync([first], null);
        var refused = () => store.AddAsync([Pending(borrower, T0), first], null);
        await refused.Should().ThrowAsync<InvalidOperationException>();

        var page = await store.ListByBorrowerAsync(borrower, null, new PageRequest(10));

        page.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Claimers_racing_adders_and_recorders_deliver_every_message_once()
    {
        var store = new InMemoryMessageStore();
        var added = Task.Run(async () =>
        {
            for (var i = 0; i < Many / 2; i++)
            {
                var borrower = NewBorrower();
                await store.AddAsync([Pending(borrower, T0.AddTicks(i)), Pending(borrower, T0.AddTicks(i))], null);
            }
        });
        var claimers = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            var delivered = new List<MessageId>();
            while (true)
            {
                var finished = added.IsCompleted;
                var batch = await store.ClaimDueAsync($"host-{i}", T0.AddMinutes(1), T0.AddMinutes(6), 7, []);
                foreach (var c in batch)
                {
                    var updated = await store.TryUpdateAsync(c.Message.MarkDelivered(T0.AddMinutes(1)));
                    delivered.Add(updated!.Id);
                }

                if (batch.Count == 0)
                {
                    if (finished)
                    {
                        return delivered;
                    }

                    await Task.Yield();
                }
            }
        })).ToArray();

        await added;
        var delivered = (await Task.WhenAll(claimers)).SelectMany(ids => ids).ToList();

        delivered.Should().OnlyHaveUniqueItems().And.HaveCount(Many);
    }
}
