using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>A message keeps its branch through every change, and the message queue filters by it.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>The branch is stored with the message and kept by updates that do not carry it (as anonymization's).</summary>
    [Fact]
    public async Task A_messages_branch_is_stored_and_kept_through_its_changes()
    {
        var store = await CreateStoreAsync();
        var added = (await store.AddAsync([InBranch(Pending(NewBorrower(), T0), "Filial-Nord")], null)).Messages[0];

        var failed = await store.TryUpdateAsync(added.MarkFailed(T0.AddMinutes(1), new MessageFailure(MessageFailureKind.Rejected, "No.")));
        await store.AnonymizeBatchAsync(T0.AddDays(1), T0.AddDays(1), 100);

        (failed!.Branch, (await store.GetAsync(added.Id))!.Branch).Should().Be(("Filial-Nord", "Filial-Nord"));
        (await store.GetAsync(added.Id))!.IsAnonymized.Should().BeTrue();
    }

    /// <summary>The message queue lists only the branch asked for, whatever the case of its code.</summary>
    [Fact]
    public async Task The_message_queue_filters_by_branch_ignoring_case()
    {
        var store = await CreateStoreAsync();
        var borrower = NewBorrower();
        var north = InBranch(Failed(borrower, T0), "Filial-Nord");
        var main = InBranch(Failed(borrower, T0.AddSeconds(1)), "HB");
        var none = Failed(borrower, T0.AddSeconds(2));
        await store.AddAsync([north, main, none], null);

        var page = await store.ListQueueAsync(new MessageQueueFilter { Branch = "filial-nord" }, new PageRequest(10));

        page.Items.Select(m => (m.Id, m.Branch)).Should().Equal((north.Id, "Filial-Nord"));
        (await store.ListQueueAsync(MessageQueueFilter.All, new PageRequest(10))).Items.Should().HaveCount(3);
    }

    private static Message InBranch(Message message, string branch) => Message.Restore(message.ToState() with { Branch = branch });
}
