using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>Delivery receipts find their message by the provider's id; those that arrive first are kept, then forgotten.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A message is found by its protocol and provider id once it is recorded Sent.</summary>
    [Fact]
    public async Task A_message_is_found_by_its_protocol_and_provider_id_once_it_is_recorded_sent()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        var before = await store.FindByProviderMessageIdAsync(Protocol.Sms, "gw-123");

        var sent = await store.TryUpdateAsync(stored.MarkDelivered(T0.AddSeconds(1), "gw-123"));
        var found = await store.FindByProviderMessageIdAsync(Protocol.Parse("sms"), "gw-123");

        before.Should().BeNull();
        found.Should().BeEquivalentTo(sent);
    }

    /// <summary>A provider id is matched exactly and only on its own protocol.</summary>
    [Fact]
    public async Task A_provider_id_is_matched_exactly_and_only_on_its_own_protocol()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        await store.TryUpdateAsync(stored.MarkDelivered(T0.AddSeconds(1), "gw-123"));

        (await store.FindByProviderMessageIdAsync(Protocol.Email, "gw-123")).Should().BeNull();
        (await store.FindByProviderMessageIdAsync(Protocol.Sms, "GW-123")).Should().BeNull();
        (await store.FindByProviderMessageIdAsync(Protocol.Sms, "gw-12")).Should().BeNull();
    }

    /// <summary>A message that fails by receipt is still found, with its new state.</summary>
    [Fact]
    public async Task A_message_that_fails_by_receipt_is_still_found_with_its_new_state()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddAsync([Pending(NewBorrower(), T0)], null)).Messages[0];
        var sent = await store.TryUpdateAsync(stored.MarkDelivered(T0.AddSeconds(1), "gw-9"));
        await store.TryUpdateAsync(sent!.MarkUndeliverable(T0.AddMinutes(5), T0.AddMinutes(4), "Unknown subscriber"));

        var found = await store.FindByProviderMessageIdAsync(Protocol.Sms, "gw-9");

        (found!.Status, found.LastFailure!.Kind, found.ChangedAt).Should().Be((MessageStatus.Failed, MessageFailureKind.Undeliverable, T0.AddMinutes(5)));
    }

    /// <summary>A kept receipt is listed with every field until it is removed.</summary>
    [Fact]
    public async Task A_kept_receipt_is_listed_with_every_field_until_it_is_removed()
    {
        var store = await CreateStoreAsync();
        var receipt = new DeliveryReceipt(Protocol.Sms, "gw-1", DeliveryReceiptOutcome.FailedPermanently, T0.AddSeconds(3), "Expired");
        var plain = new DeliveryReceipt(Protocol.Email, "<a@b>", DeliveryReceiptOutcome.Delivered, T0.AddSeconds(1));
        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(receipt, T0.AddSeconds(5)));
        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(plain, T0.AddSeconds(4)));

        var listed = await store.ListUnmatchedReceiptsAsync(10);
        await store.RemoveUnmatchedReceiptAsync(receipt);
        var left = await store.ListUnmatchedReceiptsAsync(10);

        listed.Should().BeEquivalentTo([new UnmatchedReceipt(plain, T0.AddSeconds(4)), new UnmatchedReceipt(receipt, T0.AddSeconds(5))], o => o.WithStrictOrdering());
        left.Select(r => r.Receipt.ProviderMessageId).Should().Equal("<a@b>");
    }

    /// <summary>The same receipt kept twice is kept once, with its first arrival.</summary>
    [Fact]
    public async Task The_same_receipt_kept_twice_is_kept_once_with_its_first_arrival()
    {
        var store = await CreateStoreAsync();
        var receipt = new DeliveryReceipt(Protocol.Sms, "gw-1", DeliveryReceiptOutcome.Delivered, T0);
        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(receipt, T0.AddSeconds(1)));
        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(receipt, T0.AddSeconds(9)));
        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(receipt with { }, T0.AddSeconds(9)));

        var listed = await store.ListUnmatchedReceiptsAsync(10);

        listed.Select(r => r.ReceivedAt).Should().Equal(T0.AddSeconds(1));
    }

    /// <summary>Two receipts for one provider id with different outcomes are both kept.</summary>
    [Fact]
    public async Task Two_receipts_for_one_provider_id_with_different_outcomes_are_both_kept()
    {
        var store = await CreateStoreAsync();
        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(new DeliveryReceipt(Protocol.Sms, "gw-1", DeliveryReceiptOutcome.Delivered, T0), T0));
        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(new DeliveryReceipt(Protocol.Sms, "gw-1", DeliveryReceiptOutcome.FailedPermanently, T0), T0.AddSeconds(1)));

        var listed = await store.ListUnmatchedReceiptsAsync(10);

        listed.Select(r => r.Receipt.Outcome).Should().Equal(DeliveryReceiptOutcome.Delivered, DeliveryReceiptOutcome.FailedPermanently);
    }

    /// <summary>Kept receipts older than the cut-off are forgotten batch by batch.</summary>
    [Fact]
    public async Task Kept_receipts_older_than_the_cut_off_are_forgotten_batch_by_batch()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 3; i++)
        {
            await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(new DeliveryReceipt(Protocol.Sms, "old-" + i, DeliveryReceiptOutcome.Delivered, T0), T0.AddMinutes(i)));
        }

        await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(new DeliveryReceipt(Protocol.Sms, "new", DeliveryReceiptOutcome.Delivered, T0), T0.AddDays(2)));

        var batches = new[]
        {
            await store.ForgetUnmatchedReceiptsAsync(T0.AddDays(1), batchSize: 2),
            await store.ForgetUnmatchedReceiptsAsync(T0.AddDays(1), batchSize: 2),
            await store.ForgetUnmatchedReceiptsAsync(T0.AddDays(1), batchSize: 2),
        };

        batches.Should().Equal(2, 1, 0);
        (await store.ListUnmatchedReceiptsAsync(10)).Select(r => r.Receipt.ProviderMessageId).Should().Equal("new");
    }

    /// <summary>Listing kept receipts stops at the count asked for, oldest first.</summary>
    [Fact]
    public async Task Listing_kept_receipts_stops_at_the_count_asked_for_oldest_first()
    {
        var store = await CreateStoreAsync();
        for (var i = 5; i > 0; i--)
        {
            await store.KeepUnmatchedReceiptAsync(new UnmatchedReceipt(new DeliveryReceipt(Protocol.Sms, "gw-" + i, DeliveryReceiptOutcome.Delivered, T0), T0.AddSeconds(i)));
        }

        var listed = await store.ListUnmatchedReceiptsAsync(2);

        listed.Select(r => r.Receipt.ProviderMessageId).Should().Equal("gw-1", "gw-2");
    }
}
