namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>One staff API host for the tests of a class that only read or are refused before anything changes.</summary>
public sealed class SharedStaffApiHost : IAsyncLifetime
{
    internal StaffApiHost Api { get; private set; } = null!;

    public async Task InitializeAsync() => Api = await StaffApiHost.StartAsync();

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
