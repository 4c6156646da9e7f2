using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>The borrowers with held messages, page by page, for the nightly sweep of messages left held.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>Borrowers with held messages are listed page by page in order.</summary>
    [Fact]
    public async Task Borrowers_with_held_messages_are_listed_page_by_page_in_order()
    {
        var store = await CreateStoreAsync();
        var prefix = "H-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var (first, second, third) = (BorrowerId.Parse(prefix + "1"), BorrowerId.Parse(prefix + "2"), BorrowerId.Parse(prefix + "3"));
        await store.AddAsync([Held(third, T0)], null);
        await store.AddAsync([Held(first, T0), Held(first, T0, EmailAddress.Parse("other@example.dk"))], null);
        await store.AddAsync([Held(second, T0)], null);

        var page1 = await store.ListBorrowersWithHeldAsync(null, maxCount: 2);
        var page2 = await store.ListBorrowersWithHeldAsync(page1[^1], maxCount: 2);

        page1.Should().Equal(first, second);
        page2.Should().Equal(third);
    }

    /// <summary>Borrowers whose messages are not held are not listed.</summary>
    [Fact]
    public async Task Borrowers_whose_messages_are_not_held_are_not_listed()
    {
        var store = await CreateStoreAsync();
        var (released, pending, held) = (NewBorrower(), NewBorrower(), NewBorrower());
        var stored = (await store.AddAsync([Held(released, T0)], null)).Messages[0];
        await store.TryUpdateAsync(stored.Release(T0.AddHours(1)));
        await store.AddAsync([Pending(pending, T0), Failed(pending, T0)], null);
        await store.AddAsync([Held(held, T0)], null);

        (await store.ListBorrowersWithHeldAsync(null, maxCount: 10)).Should().Equal(held);
    }
}
