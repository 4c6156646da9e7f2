using System.Globalization;
using System.Security.Claims;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

var builder = WebApplication.CreateBuilder(args);

// Where the database and the clock's file go (--DataFolder <folder>); dotnet run works in the project folder.
var dataFolder = Path.GetFullPath(builder.Configuration["DataFolder"] ?? "cicero-sample-data");
Directory.CreateDirectory(dataFolder);
if (builder.Configuration.GetValue<bool>("Reset"))
{
    foreach (var file in Directory.EnumerateFiles(dataFolder, "notifications.db*").Append(Path.Combine(dataFolder, "clock.txt")))
    {
        File.Delete(file);
    }
}

// Without --urls or ASPNETCORE_URLS the sample takes a free local port and prints it. The port is chosen before the
// host starts so the verification links in the mails can name it: copied from the outbox's mail text, they work too.
string? localAddress = null;
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    probe.Start();
    var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    probe.Stop();
    localAddress = string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}");
    builder.WebHost.UseUrls(localAddress);
}

var clock = new SampleClock(SampleClock.Copenhagen(), Path.Combine(dataFolder, "clock.txt"));
// Danish letters as they are in the HTML, not as character references.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddSingleton(clock);
builder.Services.AddSingleton<TimeProvider>(clock); // before AddCiceroNotifications, which otherwise adds TimeProvider.System
builder.Services.AddSingleton<SampleOutbox>();
builder.Services.AddSingleton<DemoData>();
builder.Services.AddHostedService<SeedOnStart>();

builder.Services.AddCiceroNotifications(SampleSetup.Configure)
    .AddChannel<SampleSmsChannel>(Protocol.Sms)
    .AddChannel<SampleEmailChannel>(Protocol.Email)
    .AddDigitalPost<SampleDigitalPostTransport>(d => d.SenderCvr = SampleSetup.LibraryCvr)
    .UseSqliteStore(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "notifications.db") }.ToString())
    .AddEmailVerificationPage(); // the page the verification mail links to; also AddAntiforgery()
if (localAddress is not null)
{
    builder.Services.PostConfigure<Cicero.Notifications.CiceroNotificationsOptions>(o => o.Verification.BaseUrl = new Uri(localAddress + SampleSetup.VerificationPath));
}

// The library's health check: due messages waiting too long, the queue's size, paused channels (circuits).
builder.Services.AddHealthChecks().AddCiceroNotifications();

// Two demo staff users; the login's name is the staff id the message histories record.
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.LoginPath = "/Login";
        o.Cookie.Name = "cicero-sample-staff";
        // Authentication reads the sample's clock too: a sign-in must survive "advance the clock" by a month.
        o.ExpireTimeSpan = TimeSpan.FromDays(3650);
    });
builder.Services.AddAuthorization();
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/");
    o.Conventions.AllowAnonymousToPage("/Login");
    o.Conventions.AllowAnonymousToPage("/Language");
});
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    string[] cultures = ["da", "en"];
    o.SetDefaultCulture("da").AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
    o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
});

// ASP.NET Core's request log writes URLs with their query strings: the verification link's token.
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

var app = builder.Build();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.MapEmailVerification(SampleSetup.VerificationPath);
app.MapRazorPages();
app.MapHealthChecks("/health").RequireAuthorization();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    foreach (var address in addresses)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cicero.Notifications web sample: {address} (log in as jens or marie, password demo)"));
    }

    Console.WriteLine($"Data: {dataFolder} (--Reset true starts over)");
});

app.Run();

/// <summary>The web sample's entry point (public so the browser tests' <c>WebApplicationFactory</c> can start it).</summary>
public partial class Program
{
    /// <summary>The demo staff users: the staff id they log in with, and their name.</summary>
    public static readonly IReadOnlyDictionary<string, string> StaffUsers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["jens"] = "Jens Hansen",
        ["marie"] = "Marie Nielsen",
    };

    /// <summary>The demo password of both staff users.</summary>
    public const string DemoPassword = "demo";

    /// <summary>The staff id of the signed-in user.</summary>
    public static string StaffId(ClaimsPrincipal user) => user?.Identity?.Name ?? throw new InvalidOperationException("No staff user is signed in.");
}
