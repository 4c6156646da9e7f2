using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>Idempotency keys are forgotten with the retention period, so they do not pile up for ever.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A forgotten idempotency key creates new messages when used again.</summary>
    [Fact]
    public async Task A_forgotten_idempotency_key_creates_new_messages_when_used_again()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([Pending(borrower, T0)], "reservation-7");

        var forgotten = await store.ForgetIdempotencyKeysAsync(T0.AddSeconds(1), batchSize: 10);
        var again = await store.AddAsync([Pending(borrower, T0.AddDays(31))], "reservation-7");

        (forgotten, again.IsDuplicate).Should().Be((1, false));
    }

    /// <summary>An idempotency key not older than the cut off is kept.</summary>
    [Fact]
    public async Task An_idempotency_key_not_older_than_the_cut_off_is_kept()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        await store.AddAsync([Pending(borrower, T0)], "reservation-7");

        var forgotten = await store.ForgetIdempotencyKeysAsync(T0, batchSize: 10);
        var again = await store.AddAsync([Pending(borrower, T0.AddMinutes(1))], "reservation-7");

        (forgotten, again.IsDuplicate).Should().Be((0, true));
    }

    /// <summary>Idempotency keys are forgotten batch by batch and the messages stay.</summary>
    [Fact]
    public async Task Idempotency_keys_are_forgotten_batch_by_batch_and_the_messages_stay()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var stored = new List<Cicero.Notifications.Domain.Message>();
        foreach (var key in new[] { "a", "b", "c" })
        {
            stored.AddRange((await store.AddAsync([Pending(borrower, T0)], key)).Messages);
        }

        var batches = new[]
        {
            await store.ForgetIdempotencyKeysAsync(T0.AddDays(1), batchSize: 2),
            await store.ForgetIdempotencyKeysAsync(T0.AddDays(1), batchSize: 2),
            await store.ForgetIdempotencyKeysAsync(T0.AddDays(1), batchSize: 2),
        };

        batches.Should().Equal(2, 1, 0);
        foreach (var message in stored)
        {
            (await store.GetAsync(message.Id)).Should().NotBeNull();
        }
    }
}
