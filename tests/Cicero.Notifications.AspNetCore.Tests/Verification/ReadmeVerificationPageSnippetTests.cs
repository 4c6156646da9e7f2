using System.Net;
using Cicero.Notifications.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cicero.Notifications.AspNetCore.Tests.Verification;

/// <summary>Keeps the README's "The verification page" snippet the same as the code here, which runs on Kestrel.</summary>
public sealed class ReadmeVerificationPageSnippetTests
{
    [Fact]
    public void The_readme_snippet_is_the_code_this_test_runs()
    {
        var snippet = ReadmeSnippet.Code("verification-page");

        snippet.Should().Be(CodeBetweenMarkers());
    }

    [Fact]
    public async Task The_readme_snippet_serves_the_page()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

        // README start
        builder.Services.AddCiceroNotifications(o =>
            {
                o.LibraryName = "Eksempelby Bibliotek";
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
            })
            .AddEmailVerificationPage(); // also AddAntiforgery(), which protects the page's POST
        builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter("verification", w => { w.PermitLimit = 30; w.Window = TimeSpan.FromMinutes(1); }));
        // ASP.NET Core's request log writes every URL with its query string, so the token: keep it below Information.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapEmailVerification("/bekraeft-email") // a route group: add the host's own conventions
            .RequireRateLimiting("verification");
        // README end

        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };

            using var response = await client.GetAsync("/bekraeft-email?token=unknown&culture=da-DK");

            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).Should().Contain("Eksempelby Bibliotek").And.Contain("Linket virker ikke");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static string CodeBetweenMarkers()
    {
        var lines = File.ReadAllLines(Repository.PathOf("tests", "Cicero.Notifications.AspNetCore.Tests", "Verification", "ReadmeVerificationPageSnippetTests.cs"))
            .SkipWhile(l => l.Trim() != "// README start").Skip(1)
            .TakeWhile(l => l.Trim() != "// README end")
            .ToList();
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => (l.Length >= indent ? l[indent..] : l.TrimStart()).TrimEnd())).Trim();
    }
}
