using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Cicero.Notifications.AspNetCore.Tests.Support;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.AspNetCore.Tests.Readme;

/// <summary>
/// The README's complete web host is this project's compiled file, and run on real Kestrel with the SQLite store and a
/// fake SMS gateway it serves the verification page, takes signed delivery reports, serves the staff API to staff only
/// and answers its health check.
/// </summary>
public sealed class ReadmeWebHostTests(TempFolder folder) : IClassFixture<TempFolder>
{
    private const string SigningKey = "gateway-signing-key";

    [Fact]
    public void Readme_web_host_is_the_program_the_tests_compile()
    {
        var file = ReadmeSnippet.CompiledFile("tests", "Cicero.Notifications.AspNetCore.Tests", "Readme", "LibraryWebHost.cs").Split('\n');
        var start = Array.FindIndex(file, l => l.Trim() == "// <program>");
        var end = Array.FindIndex(file, l => l.Trim() == "// </program>");
        var program = file[(start + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart());

        ReadmeSnippet.Code("web-host").Should().Be(string.Join('\n', ["var builder = WebApplication.CreateBuilder(args);", .. program, "app.Run();"]));
    }

    [Fact]
    public async Task The_readme_web_host_serves_the_page_the_receipts_the_staff_api_and_its_health()
    {
        await using var gateway = await KestrelHost.StartAsync((_, _) => { }, app => app.MapPost("/messages", () => Results.Json(new { id = "gw-1" })));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CiceroNotifications"] = folder.NewDatabase(),
            ["Cicero:Notifications:LibraryName"] = "Eksempelby Bibliotek",
            ["Cicero:Notifications:Verification:BaseUrl"] = "https://bibliotek.example.dk/bekraeft-email",
            ["Cicero:Notifications:Types:ReservationReady:Protocols:0"] = "Sms",
            ["Cicero:Notifications:Templates:0:Type"] = "ReservationReady",
            ["Cicero:Notifications:Templates:0:Protocol"] = "Sms",
            ["Cicero:Notifications:Templates:0:Culture"] = "da",
            ["Cicero:Notifications:Templates:0:Body"] = "{{ library_name }}: {{ title }} kan hentes",
            ["Cicero:Notifications:Sms:Url"] = new Uri(gateway.Address, "/messages").AbsoluteUri,
            ["Cicero:Notifications:Sms:BodyTemplate"] = """{"to": {{ recipient | json }}, "text": {{ text | json }}}""",
            ["Cicero:Notifications:Sms:ProviderMessageIdPath"] = "id",
            ["Cicero:Notifications:Sms:SenderName"] = "Bibliotek",
            ["SmsGateway:Receipts:ProviderMessageIdPath"] = "id",
            ["SmsGateway:Receipts:StatusPath"] = "status",
            ["SmsGateway:Receipts:ReasonPath"] = "error",
            ["SmsGateway:Receipts:Statuses:DELIVERED"] = "Delivered",
            ["SmsGateway:Receipts:Statuses:UNDELIVERABLE"] = "FailedPermanently",
            ["SmsGateway:Receipts:SignatureHeader"] = "X-Signature",
            ["SmsGateway:Receipts:SignatureSecret"] = SigningKey,
        });
        builder.Services.AddAuthentication("Staff").AddScheme<AuthenticationSchemeOptions, StaffHandler>("Staff", null);
        await using var app = LibraryWebHost.Program.Build(builder);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()) };
        var message = await SentSmsAsync(app.Services);

        var body = """{"id": "gw-1", "status": "UNDELIVERABLE", "error": "Absent subscriber"}""";
        using var receipt = new HttpRequestMessage(HttpMethod.Post, "/receipts/sms") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        receipt.Headers.Add("X-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.UTF8.GetBytes(body))));
        var receiptAnswer = await client.SendAsync(receipt);
        var anonymous = await client.GetAsync("/api/staff/message-queue/count");
        using var staffRequest = new HttpRequestMessage(HttpMethod.Get, "/api/staff/message-queue/count");
        staffRequest.Headers.Authorization = new AuthenticationHeaderValue("Staff", "jens");
        var staff = await client.SendAsync(staffRequest);
        var page = await client.GetAsync("/bekraeft-email?token=" + new string('a', 43));
        var health = await client.GetAsync("/health");
        await app.StopAsync();

        receiptAnswer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Services.GetRequiredService<IMessageStore>().GetAsync(message.Id))!.LastFailure!.Kind.Should().Be(MessageFailureKind.Undeliverable);
        (anonymous.StatusCode, staff.StatusCode).Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.OK));
        (await staff.Content.ReadAsStringAsync()).Should().Contain("\"count\":1");
        (page.StatusCode, await page.Content.ReadAsStringAsync()).Should().Match<(HttpStatusCode Status, string Html)>(p => p.Status == HttpStatusCode.OK && p.Html.Contains("Eksempelby Bibliotek", StringComparison.Ordinal));
        (health.StatusCode, await health.Content.ReadAsStringAsync()).Should().Be((HttpStatusCode.OK, "Healthy"));
    }

    private static async Task<Message> SentSmsAsync(IServiceProvider services)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await services.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(BorrowerProfile.Create(BorrowerId.Parse("B-1"))
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("+45 20 12 34 56"), ContactPurpose.Notification, ContactSource.Manual, now)));
        var message = (await services.GetRequiredService<INotifier>().NotifyAsync(new Notification(BorrowerId.Parse("B-1"), NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["title"] = "Kongens Fald" },
        }))[0];
        var store = services.GetRequiredService<IMessageStore>();
        var dispatcher = services.GetRequiredService<IMessageDispatcher>();
        for (var i = 0; i < 50 && (await store.GetAsync(message.Id))!.Status != MessageStatus.Sent; i++)
        {
            await dispatcher.DispatchDueAsync(); // the background service may hold the lease of the first run
            await Task.Yield();
        }

        return (await store.GetAsync(message.Id))!;
    }

    /// <summary>Authenticates <c>Authorization: Staff &lt;id&gt;</c> as a librarian (the role the README's policy asks for).</summary>
    private sealed class StaffHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers.Authorization.ToString().Split(' ') is not ["Staff", var user])
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new(ClaimTypes.NameIdentifier, user), new(ClaimTypes.Role, "Bibliotekar")], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
