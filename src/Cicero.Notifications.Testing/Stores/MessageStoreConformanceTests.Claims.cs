using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>Claims after messages were rescheduled, partly recorded or refused: what a store's due index must get right.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A message rescheduled before any claim is not claimed at its old time.</summary>
    [Fact]
    public async Task A_message_rescheduled_before_any_claim_is_not_claimed_at_its_old_time()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        await store.TryUpdateAsync(stored.ScheduleRetry(T0, "Provider paused", T0.AddMinutes(30)));

        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(1), T0.AddMinutes(6), 10, []);

        claimed.Should().BeEmpty();
    }

    /// <summary>A message rescheduled back to its first due time is claimed once.</summary>
    [Fact]
    public async Task A_message_rescheduled_back_to_its_first_due_time_is_claimed_once()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        var later = await store.TryUpdateAsync(stored.ScheduleRetry(T0, "Provider paused", T0.AddMinutes(30)));
        await store.TryUpdateAsync(later!.ScheduleRetry(T0, "Provider back", T0));

        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(1), T0.AddMinutes(6), 10, []);

        claimed.Select(c => c.Message.Id).Should().Equal(stored.Id);
    }

    /// <summary>A message rescheduled to the same time is claimed once with its latest version.</summary>
    [Fact]
    public async Task A_message_rescheduled_to_the_same_time_is_claimed_once_with_its_latest_version()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        var again = await store.TryUpdateAsync(stored.ScheduleRetry(T0, "Provider paused", T0));

        var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(1), T0.AddMinutes(6), 10, []);

        claimed.Select(c => c.Message.Version).Should().Equal(again!.Version);
    }

    /// <summary>Claims one at a time come earliest due first whatever the order of adding.</summary>
    [Fact]
    public async Task Claims_one_at_a_time_come_earliest_due_first_whatever_the_order_of_adding()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var second = Pending(borrower, T0.AddMinutes(2));
        var first = Pending(borrower, T0.AddMinutes(1));
        var fourth = Pending(borrower, T0.AddMinutes(3), notBefore: T0.AddMinutes(4));
        var third = Pending(borrower, T0.AddMinutes(3));
        foreach (var message in new[] { second, first, fourth, third })
        {
            await store.AddAsync([message], null);
        }

        var order = new List<MessageId>();
        for (var i = 0; i < 4; i++)
        {
            var claimed = await store.ClaimDueAsync("host-a", T0.AddMinutes(10), T0.AddMinutes(15), 1, []);
            order.AddRange(claimed.Select(c => c.Message.Id));
        }

        order.Should().Equal(first.Id, second.Id, third.Id, fourth.Id);
    }

    /// <summary>After leases expire only the messages whose outcome was never recorded are reclaimed.</summary>
    [Fact]
    public async Task After_leases_expire_only_the_messages_whose_outcome_was_never_recorded_are_reclaimed()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([Pending(borrower, T0), Pending(borrower, T0), Pending(borrower, T0), Pending(borrower, T0)], null);
        var claimed = await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        foreach (var c in claimed)
        {
            await store.TryBeginSendAsync(c.Message.Id, "host-a", T0, T0.AddMinutes(5));
        }

        foreach (var c in claimed.Take(2))
        {
            await store.TryUpdateAsync(c.Message.MarkDelivered(T0.AddSeconds(1)));
        }

        var reclaimed = await store.ClaimDueAsync("host-b", T0.AddMinutes(5), T0.AddMinutes(10), 10, []);

        reclaimed.Select(c => (c.Message.Id, c.WasInFlight)).Should().BeEquivalentTo(claimed.Skip(2).Select(c => (c.Message.Id, true)));
    }

    /// <summary>Expired leases beyond the maximum are reclaimed by the next claim.</summary>
    [Fact]
    public async Task Expired_leases_beyond_the_maximum_are_reclaimed_by_the_next_claim()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var messages = new[] { Pending(borrower, T0), Pending(borrower, T0), Pending(borrower, T0) };
        await store.AddAsync(messages, null);
        foreach (var c in await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []))
        {
            await store.TryBeginSendAsync(c.Message.Id, "host-a", T0, T0.AddMinutes(5));
        }

        var first = await store.ClaimDueAsync("host-b", T0.AddMinutes(5), T0.AddMinutes(10), 2, []);

        var next = await store.ClaimDueAsync("host-c", T0.AddMinutes(5), T0.AddMinutes(10), 10, []);

        next.Select(c => (c.Message.Id, c.WasInFlight)).Should().Equal(messages.Select(m => m.Id).Except(first.Select(c => c.Message.Id)).Select(id => (id, true)));
    }

    /// <summary>A refused batch leaves none of its messages to claim.</summary>
    [Fact]
    public async Task A_refused_batch_leaves_none_of_its_messages_to_claim()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var first = Pending(borrower, T0);
        await store.AddAsync([first], null);
        var refused = () => store.AddAsync([Pending(borrower, T0), first], null);
        await refused.Should().ThrowAsync<InvalidOperationException>();

        var claimed = await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);

        claimed.Select(c => c.Message.Id).Should().Equal(first.Id);
    }

    /// <summary>A new message of a refused batch can be added afterwards.</summary>
    [Fact]
    public async Task A_new_message_of_a_refused_batch_can_be_added_afterwards()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var first = Pending(borrower, T0);
        await store.AddAsync([first], null);
        var fresh = Pending(borrower, T0);
        var refused = () => store.AddAsync([fresh, first], null);
        await refused.Should().ThrowAsync<InvalidOperationException>();

        await store.AddAsync([fresh], null);

        (await store.GetAsync(fresh.Id)).Should().BeEquivalentTo(fresh.WithVersion(1));
    }

    /// <summary>A claim skips the messages of paused protocols and takes those due after them on other protocols.</summary>
    [Fact]
    public async Task A_claim_skips_paused_protocols_and_takes_the_messages_due_after_them()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var sms = Enumerable.Range(0, 5).Select(i => Pending(borrower, T0.AddSeconds(i))).ToArray();
        var email = Message.CreatePending(MessageId.New(T0), borrower, NotificationType.OverdueNotice, Protocol.Email, MessageRecipient.Email(Email), Content(), "da-DK", T0.AddMinutes(1));
        await store.AddAsync([.. sms, email], null);

        var whilePaused = await store.ClaimDueAsync("host-a", T0.AddMinutes(2), T0.AddMinutes(7), 3, [Protocol.Sms]);
        var afterwards = await store.ClaimDueAsync("host-a", T0.AddMinutes(2), T0.AddMinutes(7), 10, []);

        (whilePaused.Select(c => c.Message.Id), afterwards.Select(c => c.Message.Id)).Should().BeEquivalentTo(
            (new[] { email.Id }, sms.Select(m => m.Id)));
    }

    /// <summary>A message of a paused protocol whose lease expired mid-send is not claimed until its protocol is no longer paused.</summary>
    [Fact]
    public async Task An_expired_in_flight_message_of_a_paused_protocol_waits_for_its_protocol()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        await store.ClaimDueAsync("host-a", T0, T0.AddMinutes(5), 10, []);
        await store.TryBeginSendAsync(stored.Id, "host-a", T0, T0.AddMinutes(5));

        var whilePaused = await store.ClaimDueAsync("host-b", T0.AddMinutes(6), T0.AddMinutes(11), 10, [Protocol.Sms]);
        var afterwards = await store.ClaimDueAsync("host-b", T0.AddMinutes(6), T0.AddMinutes(11), 10, []);

        (whilePaused.Count, afterwards.Select(c => (c.Message.Id, c.WasInFlight)).Single()).Should().Be((0, (stored.Id, true)));
    }

    /// <summary>Adding many honours idempotency keys within the call and across calls, with one result per entry in order.</summary>
    [Fact]
    public async Task Adding_many_honours_idempotency_keys_within_the_call_and_across_calls()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var earlier = await store.AddAsync([Pending(borrower, T0)], "nightly-1");
        var fresh = Pending(borrower, T0);
        var again = Pending(borrower, T0);
        var unkeyed = Pending(borrower, T0);

        var results = await store.AddManyAsync(
        [
            new([Pending(borrower, T0)], "nightly-1"),
            new([fresh], "nightly-2"),
            new([again], "nightly-2"),
            new([unkeyed], null),
        ]);

        results.Select(r => (r.IsDuplicate, r.Messages.Single().Id)).Should().Equal(
            (true, earlier.Messages[0].Id), (false, fresh.Id), (true, fresh.Id), (false, unkeyed.Id));
        (await store.GetAsync(again.Id)).Should().BeNull();
        (await store.GetAsync(unkeyed.Id))!.Version.Should().Be(1);
    }

    /// <summary>Bulk adds running at once with overlapping idempotency keys store each key's messages once.</summary>
    [Fact]
    public async Task Concurrent_bulk_adds_with_overlapping_keys_store_each_key_once()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var runs = Enumerable.Range(0, 4).Select(run => Enumerable.Range(0, 50)
            .Select(i => new MessagesToAdd([Pending(borrower, T0)], $"overlap-{(i * 7 + run * 13) % 60}"))
            .ToList()).ToList();

        var results = await Task.WhenAll(runs.Select(run => Task.Run(() => store.AddManyAsync(run))));

        var created = results.SelectMany((r, run) => r.Select((result, i) => (runs[run][i].IdempotencyKey, result))).Where(x => !x.result.IsDuplicate).ToList();
        created.Select(x => x.IdempotencyKey).Should().OnlyHaveUniqueItems();
        var idsPerKey = results.SelectMany((r, run) => r.Select((result, i) => (Key: runs[run][i].IdempotencyKey, Id: result.Messages.Single().Id)))
            .GroupBy(x => x.Key).Select(g => g.Select(x => x.Id).Distinct().Count());
        idsPerKey.Should().OnlyContain(count => count == 1, "every run sees the messages of the one add that stored the key");
    }
}
