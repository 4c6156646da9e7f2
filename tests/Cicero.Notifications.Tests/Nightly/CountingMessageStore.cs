using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;

namespace Cicero.Notifications.Tests.Nightly;

/// <summary>An in-memory message store that records how many messages each anonymization batch changed.</summary>
internal sealed class CountingMessageStore() : DelegatingMessageStore(new InMemoryMessageStore())
{
    public List<int> AnonymizedPerBatch { get; } = [];

    public override async Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        var count = await Inner.AnonymizeBatchAsync(createdBefore, now, batchSize, cancellationToken);
        AnonymizedPerBatch.Add(count);
        return count;
    }
}
