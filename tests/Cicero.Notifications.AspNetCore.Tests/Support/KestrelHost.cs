using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.AspNetCore.Tests.Support;

/// <summary>
/// A web host on real Kestrel, bound to a free loopback port, with a fake clock and captured logs: the services and the
/// endpoints are the test's. Dispose to stop it.
/// </summary>
internal sealed class KestrelHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private KestrelHost(WebApplication app, Uri address, FakeTimeProvider time, FakeLogCollector logs)
    {
        App = app;
        Address = address;
        Time = time;
        Logs = logs;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>A client without cookies or redirects, so a test sees exactly what the server answered.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<KestrelHost> StartAsync(Action<IServiceCollection, FakeTimeProvider> services, Action<WebApplication> endpoints)
    {
        var time = new FakeTimeProvider(Start);
        var logs = new FakeLogCollector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(time);
        services(builder.Services, time);
        var app = builder.Build();
        endpoints(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new KestrelHost(app, new Uri(address), time, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
