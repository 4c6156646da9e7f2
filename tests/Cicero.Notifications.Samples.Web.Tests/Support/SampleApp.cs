using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Samples.Web.Tests.Support;

/// <summary>The web sample on real Kestrel (loopback, a free port), with its own data folder, seeded on start.</summary>
public sealed class SampleApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _dataFolder;

    private SampleApp(WebApplicationFactory<Program> factory, string dataFolder, string baseUrl)
        => (_factory, _dataFolder, BaseUrl) = (factory, dataFolder, baseUrl);

    /// <summary>Gets the sample's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts a fresh sample (new database, clock at its start).</summary>
    public static SampleApp Start()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "cicero-web-sample-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b =>
            {
                b.UseSetting("DataFolder", dataFolder);
                b.UseSetting("urls", "http://127.0.0.1:0");
            });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SampleApp(factory, dataFolder, address.TrimEnd('/'));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
