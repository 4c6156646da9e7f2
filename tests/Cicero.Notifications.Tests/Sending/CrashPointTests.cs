using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// A dispatcher dies at each point of a send — after its claim, after it marked the send begun, after the channel took
/// the message, after it recorded the outcome — and a second dispatcher takes over once the lease expired. Only a send
/// that began can be in doubt; a message is never lost, and an at-most-once message is never sent twice.
/// </summary>
public sealed class CrashPointTests
{
    public enum CrashPoint
    {
        AfterClaim,
        AfterMark,
        AfterSend,
        AfterRecord,
    }

    [Theory]
    [InlineData(CrashPoint.AfterClaim, "Sms", 1, MessageStatus.Sent)]
    [InlineData(CrashPoint.AfterMark, "Sms", 0, MessageStatus.Failed)]
    [InlineData(CrashPoint.AfterSend, "Sms", 1, MessageStatus.Failed)]
    [InlineData(CrashPoint.AfterRecord, "Sms", 1, MessageStatus.Sent)]
    [InlineData(CrashPoint.AfterClaim, "Email", 1, MessageStatus.Sent)]
    [InlineData(CrashPoint.AfterMark, "Email", 1, MessageStatus.Sent)]
    [InlineData(CrashPoint.AfterSend, "Email", 2, MessageStatus.Sent)]
    [InlineData(CrashPoint.AfterRecord, "Email", 1, MessageStatus.Sent)]
    public async Task A_dispatcher_dying_at_each_point_leaves_a_message_that_the_next_one_finishes(CrashPoint point, string protocol, int sends, MessageStatus status)
    {
        using var library = new TestLibrary();
        var channel = protocol == "Sms" ? library.Sms : library.Email;
        await library.SaveProfileAsync("B1", p => protocol == "Sms" ? library.WithPhone(p, "20 12 34 56") : library.WithEmail(p, "hans@example.dk"));
        var message = (await library.NotifyAsync("B1", NotificationType.WelcomeBorrower)).Single();
        var dying = ActivatorUtilities.CreateInstance<MessageDispatcher>(library.Services, (IMessageStore)new CrashingStore(library.Messages, point));

        var crash = () => dying.DispatchDueAsync();
        await crash.Should().ThrowAsync<CrashException>();
        library.Time.Advance(TimeSpan.FromMinutes(6));
        await library.Dispatcher.DispatchDueAsync();

        channel.Sent.Select(m => m.Id).Should().Equal(Enumerable.Repeat(message.Id, sends));
        var stored = await library.GetAsync(message.Id);
        stored.Status.Should().Be(status);
        (stored.LastFailure?.Kind).Should().Be(status == MessageStatus.Failed ? MessageFailureKind.InDoubt : null, "only a send that began may be in doubt");
    }

    /// <summary>The process died: thrown by the dying store at its crash point and on every call after it.</summary>
    private sealed class CrashException() : Exception("The dispatcher's process died.");

    /// <summary>A store that works until the crash point, and from then on only fails, as a killed process would.</summary>
    private sealed class CrashingStore(IMessageStore inner, CrashPoint point) : DelegatingMessageStore(inner)
    {
        private bool _dead;

        public override async Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, IReadOnlyCollection<Protocol> pausedProtocols, CancellationToken cancellationToken = default)
        {
            ThrowIfDead();
            var claimed = await Inner.ClaimDueAsync(owner, now, leaseUntil, maxCount, pausedProtocols, cancellationToken);
            Die(CrashPoint.AfterClaim);
            return claimed;
        }

        public override async Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
        {
            ThrowIfDead();
            var begun = await Inner.TryBeginSendAsync(id, owner, now, leaseUntil, cancellationToken);
            Die(CrashPoint.AfterMark);
            return begun;
        }

        public override async Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default)
        {
            ThrowIfDead();
            Die(CrashPoint.AfterSend);
            var stored = await Inner.TryUpdateAsync(message, cancellationToken);
            Die(CrashPoint.AfterRecord);
            return stored;
        }

        private void Die(CrashPoint at)
        {
            if (at == point)
            {
                _dead = true;
                throw new CrashException();
            }
        }

        private void ThrowIfDead()
        {
            if (_dead)
            {
                throw new CrashException();
            }
        }
    }
}
