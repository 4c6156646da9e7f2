using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.Http.Tests.Support;

/// <summary>A request the fake gateway received.</summary>
internal sealed record CapturedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body);

/// <summary>
/// A fake SMS gateway served by Kestrel on 127.0.0.1 and a free port, inside the test. It records every request and
/// answers with <see cref="Respond"/> (by default 202 with <c>{"messages":[{"id":"gw-…"}]}</c>).
/// </summary>
internal sealed class FakeGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _count;

    private FakeGateway(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Url = new Uri(baseAddress, "/v1/messages");
    }

    public Uri Url { get; }

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    /// <summary>Gets or sets how the gateway answers; the argument is the 1-based number of the request.</summary>
    public Func<HttpContext, int, Task> Respond { get; set; } = Accept;

    public static async Task<FakeGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        FakeGateway? gateway = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            gateway!.Requests.Enqueue(new CapturedRequest(context.Request.Method, context.Request.Path, headers, context.Request.ContentType, body));
            await gateway.Respond(context, Interlocked.Increment(ref gateway._count));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway = new FakeGateway(app, new Uri(address));
        return gateway;
    }

    public static Task Accept(HttpContext context, int number)
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        return context.Response.WriteAsJsonAsync(new { messages = new[] { new { id = $"gw-{number}", status = "queued" } } });
    }

    public static Func<HttpContext, int, Task> Status(int status, Action<HttpResponse>? headers = null) => (context, _) =>
    {
        context.Response.StatusCode = status;
        headers?.Invoke(context.Response);
        return Task.CompletedTask;
    };

    /// <summary>Never answers: holds the request until the client gives up.</summary>
    public static async Task Hang(HttpContext context, int number)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
