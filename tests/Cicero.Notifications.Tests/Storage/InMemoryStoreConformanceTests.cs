using Cicero.Notifications.Storage;
using Cicero.Notifications.Testing;

namespace Cicero.Notifications.Tests.Storage;

/// <summary>The store conformance suite against the in-memory message store.</summary>
public sealed class InMemoryMessageStoreConformanceTests : MessageStoreConformanceTests
{
    protected override Task<IMessageStore> CreateStoreAsync() => Task.FromResult<IMessageStore>(new InMemoryMessageStore());
}

/// <summary>The store conformance suite against the in-memory profile store.</summary>
public sealed class InMemoryBorrowerProfileStoreConformanceTests : BorrowerProfileStoreConformanceTests
{
    protected override Task<IBorrowerProfileStore> CreateStoreAsync() => Task.FromResult<IBorrowerProfileStore>(new InMemoryBorrowerProfileStore());
}
