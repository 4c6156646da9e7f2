using CsCheck;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Tests.Storage;

/// <summary>
/// Random runs of adds, updates, claims, begun sends and a moving clock against the in-memory store, checked after every
/// step against a plain model of the rules (a list of messages, a lease per message, and the sends that began).
/// </summary>
public sealed class InMemoryMessageStoreModelTests
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(5);

    private static readonly Gen<(int Kind, int Pick, int Amount)[]> Runs =
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 1000], Gen.Int[0, 12]).Array[1, 60];

    [Fact]
    public async Task Every_claim_matches_the_model_of_due_messages_and_leases()
    {
        await Runs.SampleAsync(RunAsync, iter: 300, threads: 1);
    }

    private static async Task RunAsync((int Kind, int Pick, int Amount)[] steps)
    {
        var store = new InMemoryMessageStore();
        var model = new Model();
        var borrower = NewBorrower();
        foreach (var (kind, pick, amount) in steps)
        {
            switch (kind)
            {
                case 0:
                    var batch = Enumerable.Range(0, 1 + (amount % 3)).Select(i => ((pick + i) % 4) switch
                    {
                        0 => Held(borrower, model.Now),
                        1 => Pending(borrower, model.Now, notBefore: model.Now.AddMinutes(amount)),
                        _ => Pending(borrower, model.Now),
                    }).ToArray();
                    model.Add((await store.AddAsync(batch, null)).Messages);
                    break;
                case 1:
                    model.Now = model.Now.AddMinutes(amount);
                    break;
                case 2 or 3:
                    var claimed = await store.ClaimDueAsync("host", model.Now, model.Now + LeaseDuration, 1 + (amount % 6), []);
                    model.Check(claimed, 1 + (amount % 6));
                    break;
                case 6:
                    if (model.Messages.Count == 0)
                    {
                        break;
                    }

                    var leased = model.Messages[pick % model.Messages.Count];
                    var began = await store.TryBeginSendAsync(leased.Id, "host", model.Now, model.Now + LeaseDuration);
                    began.Should().Be(model.TryBeginSend(leased.Id), "a send begins only under a lease that still holds");
                    break;
                default:
                    if (model.Messages.Count == 0)
                    {
                        break;
                    }

                    var current = model.Messages[pick % model.Messages.Count];
                    if (Change(current, model.Now, amount) is { } changed)
                    {
                        var stale = await store.TryUpdateAsync(changed.WithVersion(current.Version - 1));
                        stale.Should().BeNull("an update from an older version is refused");
                        model.Update((await store.TryUpdateAsync(changed))!);
                    }

                    break;
            }
        }

        foreach (var message in model.Messages)
        {
            (await store.GetAsync(message.Id))!.Version.Should().Be(message.Version);
        }
    }

    /// <summary>A legal change of the message: what the dispatcher or staff would do next.</summary>
    private static Message? Change(Message message, DateTimeOffset now, int amount) => message switch
    {
        { IsHeld: true } => message.Release(now),
        { Status: MessageStatus.Pending } => (amount % 4) switch
        {
            0 => message.MarkDelivered(now),
            1 => message.MarkFailed(now, new MessageFailure(MessageFailureKind.Rejected, "Refused")),
            2 => message.ScheduleRetry(now, "Timeout", now.AddMinutes(amount - 6)),
            _ => message.ScheduleRetry(now, "Timeout", message.NextAttemptAt!.Value),
        },
        { Status: MessageStatus.Failed } => message.Retry(now, "staff-1"),
        _ => null,
    };

    private sealed class Model
    {
        private readonly Dictionary<MessageId, DateTimeOffset> _leases = [];

        private readonly HashSet<MessageId> _begun = [];

        public DateTimeOffset Now { get; set; } = T0;

        public List<Message> Messages { get; } = [];

        public void Add(IReadOnlyList<Message> added) => Messages.AddRange(added);

        public void Update(Message updated)
        {
            Messages[Messages.FindIndex(m => m.Id == updated.Id)] = updated;
            _leases.Remove(updated.Id);
            _begun.Remove(updated.Id);
        }

        public bool TryBeginSend(MessageId id)
        {
            if (!_leases.TryGetValue(id, out var until) || until <= Now)
            {
                return false;
            }

            _leases[id] = Now + LeaseDuration;
            _begun.Add(id);
            return true;
        }

        public void Check(IReadOnlyList<ClaimedMessage> claimed, int maxCount)
        {
            var expired = Messages.Where(m => _leases.TryGetValue(m.Id, out var until) && until <= Now).ToList();
            var due = Messages
                .Where(m => m is { Status: MessageStatus.Pending, IsHeld: false } && m.NextAttemptAt <= Now && !_leases.ContainsKey(m.Id))
                .ToList();
            var reclaimed = claimed.Where(c => _leases.ContainsKey(c.Message.Id)).ToList();
            var fresh = claimed.Where(c => !_leases.ContainsKey(c.Message.Id)).Select(c => c.Message).ToList();

            claimed.Select(c => c.Message).Should().BeSubsetOf(Messages, "a claim carries the stored version of each message");
            reclaimed.Select(c => c.Message).Should().HaveCount(Math.Min(maxCount, expired.Count)).And.BeSubsetOf(expired, "expired leases come first");
            reclaimed.Where(c => c.WasInFlight != _begun.Contains(c.Message.Id)).Should().BeEmpty("only a message whose send began is in flight");
            fresh.Should().HaveCount(Math.Min(maxCount - reclaimed.Count, due.Count)).And.BeSubsetOf(due);
            claimed.Where(c => !_leases.ContainsKey(c.Message.Id) && c.WasInFlight).Should().BeEmpty("a message not leased before was never begun");
            if (fresh.Count > 0 && due.Except(fresh).ToList() is { Count: > 0 } left)
            {
                fresh.Max(m => m.NextAttemptAt).Should().BeOnOrBefore(left.Min(m => m.NextAttemptAt)!.Value, "the earliest due are claimed first");
            }

            foreach (var c in claimed)
            {
                // A begun send stays begun across claims until an outcome is recorded: the first claim may have sent it.
                _leases[c.Message.Id] = Now + LeaseDuration;
            }
        }
    }
}
