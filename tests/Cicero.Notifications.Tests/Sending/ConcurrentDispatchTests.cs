using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

public sealed class ConcurrentDispatchTests
{
    [Fact]
    public async Task Two_dispatchers_racing_over_10000_messages_deliver_each_exactly_once()
    {
        using var library = new TestLibrary(o => o.Dispatch.BatchSize = 50);
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        var created = new List<MessageId>();
        for (var i = 0; i < 10_000; i++)
        {
            created.AddRange((await library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: $"#{i}")).Select(m => m.Id));
        }

        var first = library.Dispatcher;
        var second = ActivatorUtilities.CreateInstance<MessageDispatcher>(library.Services);
        await Task.WhenAll(Task.Run(() => first.DispatchDueAsync()), Task.Run(() => second.DispatchDueAsync()));

        // Compared as sets: FluentAssertions' BeEquivalentTo is quadratic on 10 000 items.
        var sent = library.Sms.Sent.Select(m => m.Id).ToList();
        sent.Should().HaveCount(created.Count, "each message is sent exactly once");
        sent.ToHashSet().SetEquals(created).Should().BeTrue("every created message is sent");
        var pending = await library.Messages.ListByBorrowerAsync(BorrowerId.Parse("B1"), MessageStatus.Pending, new PageRequest(10));
        pending.Items.Should().BeEmpty();
    }
}
