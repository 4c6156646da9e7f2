using Cicero.Notifications.Storage;
using Cicero.Notifications.Testing;

namespace MyLibrary.Notifications.Tests;

// Every test of the suite runs against a fresh, empty store from CreateStoreAsync: return yours.
public sealed class MyStoreConformanceTests : MessageStoreConformanceTests
{
    protected override Task<IMessageStore> CreateStoreAsync() => Task.FromResult<IMessageStore>(new InMemoryMessageStore());
}
