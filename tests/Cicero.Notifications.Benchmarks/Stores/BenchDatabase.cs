using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// A database server (or folder) the store benchmarks run against. Hands out fresh, empty stores — each created by
/// starting the library's store once, so the raw side writes into exactly the library's schema — and connects either
/// side to one.
/// </summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    /// <summary>Gets the name printed next to the figures.</summary>
    public abstract string Name { get; }

    /// <summary>Gets the store's name in the durable benchmark's labels (<c>sqlite</c>, <c>postgresql</c>).</summary>
    public abstract string Label { get; }

    /// <summary>Creates an empty store with the library's schema and returns its connection string.</summary>
    public async Task<string> CreateStoreAsync()
    {
        var connectionString = await NewLocationAsync();
        await using var host = LibraryHost.Create(builder => UseStore(builder, connectionString));
        await host.GetRequiredService<IMessageStore>().CountQueueAsync(); // the first use creates the schema
        return connectionString;
    }

    /// <summary>Registers the library's store for <paramref name="connectionString"/> on a host.</summary>
    public abstract void UseStore(ICiceroNotificationsBuilder builder, string connectionString);

    /// <summary>Connects the bare driver to <paramref name="connectionString"/>, as one host would.</summary>
    public abstract Task<RawStore> OpenRawAsync(string connectionString);

    public abstract ValueTask DisposeAsync();

    /// <summary>Returns a connection string to a new, empty place (a file, a schema) for a store.</summary>
    protected abstract Task<string> NewLocationAsync();
}
