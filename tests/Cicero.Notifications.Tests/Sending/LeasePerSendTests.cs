using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Tests.Support;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// A claim leases a whole batch, but a send begins only under a lease that still holds, and each begun send extends its
/// own lease: a slow channel and a long batch never let a second dispatcher send a message the first one sends too.
/// </summary>
public sealed class LeasePerSendTests
{
    private static readonly TimeSpan SendTime = TimeSpan.FromMilliseconds(400);

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("Sms")]
    [InlineData("Email")]
    public async Task A_second_dispatcher_claiming_the_tail_of_a_slow_batch_causes_no_double_send_and_no_doubt(string protocol)
    {
        using var library = Library();
        var channel = protocol == "Sms" ? library.Sms : library.Email;
        var created = await NotifyAsync(library, 20, protocol);
        var second = ActivatorUtilities.CreateInstance<MessageDispatcher>(library.Services);
        var sends = 0;
        channel.Otherwise = _ =>
        {
            // Each send takes 400 ms of the fake clock; while the first dispatcher's fifth send is under way its batch
            // lease (2 s) expires and a second dispatcher claims the rest of the batch.
            library.Time.Advance(SendTime);
            if (Interlocked.Increment(ref sends) == 5)
            {
                second.DispatchDueAsync().GetAwaiter().GetResult();
            }

            return DeliveryResult.Delivered();
        };

        await library.Dispatcher.DispatchDueAsync();
        await DrainAsync(library);

        var sent = channel.Sent.Select(m => m.Id).ToList();
        sent.Should().OnlyHaveUniqueItems("no message is sent by two dispatchers").And.BeEquivalentTo(created);
        foreach (var id in created)
        {
            var stored = await library.GetAsync(id);
            stored.Status.Should().Be(MessageStatus.Sent, "a message whose send never began is not in doubt");
            stored.AttemptCount.Should().Be(1);
        }
    }

    [Fact]
    public async Task A_begun_send_keeps_its_own_lease_after_the_batch_lease_expired()
    {
        using var library = Library();
        var created = await NotifyAsync(library, 3, "Sms");
        var second = ActivatorUtilities.CreateInstance<MessageDispatcher>(library.Services);
        DispatchResult? during = null;
        library.Sms
            .Then(_ =>
            {
                library.Time.Advance(TimeSpan.FromSeconds(1.5));
                return DeliveryResult.Delivered();
            })
            .Then(_ =>
            {
                // The second send began at 1.5 s with a lease of its own until 3.5 s; at 2.5 s the batch lease has
                // expired, and a second dispatcher takes only the third message, whose send has not begun.
                library.Time.Advance(TimeSpan.FromSeconds(1));
                during = second.DispatchDueAsync().GetAwaiter().GetResult();
                return DeliveryResult.Delivered();
            });

        await library.Dispatcher.DispatchDueAsync();

        during.Should().Be(new DispatchResult(Claimed: 1, Delivered: 1, Retrying: 0, Failed: 0, Paused: 0));
        library.Sms.Sent.Select(m => m.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(created);
        (await Task.WhenAll(created.Select(library.GetAsync))).Should().OnlyContain(m => m.Status == MessageStatus.Sent);
    }

    [Fact]
    public async Task A_lost_claim_is_logged_without_personal_data_and_the_message_is_sent_by_the_next_dispatch()
    {
        using var library = Library();
        var created = await NotifyAsync(library, 2, "Sms");
        library.Sms.Then(_ =>
        {
            library.Time.Advance(Lease);
            return DeliveryResult.Delivered();
        });

        await library.Dispatcher.DispatchDueAsync();
        var afterFirst = library.Sms.Sent.Count;
        await library.Dispatcher.DispatchDueAsync();

        afterFirst.Should().Be(1, "the second message's lease passed before its send could begin");
        library.Sms.Sent.Select(m => m.Id).Should().Equal(created);
        var lost = library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "ClaimLost").Subject;
        lost.Message.Should().Contain(created[1].ToString()).And.NotContain("+4520123456").And.NotContain("Kongens Fald");
        (await library.GetAsync(created[1])).AttemptCount.Should().Be(1, "a lost claim spends no attempt");
    }

    private static TestLibrary Library() => new(o =>
    {
        o.Dispatch.BatchSize = 20;
        o.Dispatch.MaxParallelism = 1;
        o.Dispatch.LeaseDuration = Lease;
    });

    private static async Task<List<MessageId>> NotifyAsync(TestLibrary library, int count, string protocol)
    {
        await library.SaveProfileAsync("B1", p => protocol == "Sms" ? library.WithPhone(p, "20 12 34 56") : library.WithEmail(p, "hans@example.dk"));
        var created = new List<MessageId>();
        for (var i = 0; i < count; i++)
        {
            created.AddRange((await library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Select(m => m.Id));
        }

        return created;
    }

    /// <summary>Dispatches until nothing is due, letting leases of lost claims expire in between.</summary>
    private static async Task DrainAsync(TestLibrary library)
    {
        for (var round = 0; round < 10; round++)
        {
            library.Time.Advance(Lease);
            if ((await library.Dispatcher.DispatchDueAsync()).Claimed == 0)
            {
                return;
            }
        }
    }
}
