using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.Testing;

/// <summary>
/// What a durable store promises beyond the message and profile conformance suites: what one host stored, the next host on
/// the same database reads. For stores that survive a restart (not the in-memory one).
/// </summary>
public abstract class DurableStoreTests
{
    /// <summary>Registers the store under test on one host's builder; every call must reach the same database.</summary>
    /// <param name="builder">The host's builder.</param>
    protected abstract void UseStore(ICiceroNotificationsBuilder builder);

    /// <summary>Messages and profiles survive a restart of the host.</summary>
    /// <returns>A task that completes when the test has run.</returns>
    [Fact]
    public async Task Messages_and_profiles_survive_a_restart_of_the_host()
    {
        var message = Pending(NewBorrower(), T0);
        await using (var first = Host())
        {
            await first.GetRequiredService<IMessageStore>().AddAsync([message], null);
            await first.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(BorrowerProfile.Create(message.BorrowerId));
        }

        await using var second = Host();
        var stored = await second.GetRequiredService<IMessageStore>().GetAsync(message.Id);
        var profile = await second.GetRequiredService<IBorrowerProfileStore>().GetAsync(message.BorrowerId);

        (stored?.Id, profile?.Version).Should().Be((message.Id, 1L));
    }

    private ServiceProvider Host()
    {
        var services = new ServiceCollection();
        UseStore(services.AddCiceroNotifications(_ => { }));
        return services.BuildServiceProvider();
    }
}
