using System.Net;
using System.Text.RegularExpressions;
using Cicero.Notifications.AspNetCore.Tests.Support;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Cicero.Notifications.AspNetCore.Tests.Verification;

/// <summary>
/// The verification page on real Kestrel, with the real library behind it (in-memory store, a recording e-mail channel):
/// borrowers get real verification mails, and tests follow the link in them as a browser or a mail scanner would.
/// </summary>
internal sealed partial class VerificationPageHarness : IAsyncDisposable
{
    public const string Path = "/bekraeft-email";
    public const string LibraryName = "Eksempelby Bibliotek";
    public const string Address = "laaner@example.dk";

    private VerificationPageHarness(KestrelHost host) => Host = host;

    public KestrelHost Host { get; }

    public HttpClient Client => Host.Client;

    public IBorrowerProfiles Profiles => Host.Services.GetRequiredService<IBorrowerProfiles>();

    public static async Task<VerificationPageHarness> StartAsync(
        Action<EmailVerificationPageOptions>? page = null,
        Action<CiceroNotificationsOptions>? library = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? endpoints = null)
    {
        var host = await KestrelHost.StartAsync(
            (s, _) =>
            {
                var builder = s.AddCiceroNotifications(o =>
                    {
                        o.LibraryName = LibraryName;
                        o.Types["WelcomeBorrower"] = new NotificationTypeOptions { Protocols = { Protocol.Email } };
                        o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk" + Path);
                        library?.Invoke(o);
                    })
                    .AddChannel(Protocol.Email, new RecordingChannel());
                if (page is null)
                {
                    builder.AddEmailVerificationPage();
                }
                else
                {
                    builder.AddEmailVerificationPage(page);
                }

                services?.Invoke(s);
            },
            endpoints ?? (app => app.MapEmailVerification(Path)));
        return new VerificationPageHarness(host);
    }

    /// <summary>Creates a borrower, adds a manual notification e-mail and returns the path and query of the link in the verification mail.</summary>
    public async Task<string> BorrowerWithLinkAsync(string borrower = "L-1001", string? culture = null)
    {
        var id = BorrowerId.Parse(borrower);
        await Profiles.CreateAsync(id);
        if (culture is not null)
        {
            await Profiles.SetPreferredCultureAsync(id, culture);
        }

        var added = await Profiles.AddEmailAsync(id, Address, ContactPurpose.Notification, ContactSource.Manual);
        var mail = await Host.Services.GetRequiredService<IMessageStore>().GetAsync(added.VerificationMessageId!.Value);
        var link = new Uri(Link().Match(mail!.Content!.Body).Value);
        link.AbsolutePath.Should().Be(Path, "the mail links to the page mapped here");
        return link.PathAndQuery;
    }

    /// <summary>The token in a link's query.</summary>
    public static string TokenOf(string pathAndQuery) => TokenInQuery().Match(pathAndQuery).Groups["token"].Value;

    /// <summary>Whether the borrower's address is still unverified.</summary>
    public async Task<bool> IsUnverifiedAsync(string borrower = "L-1001")
        => (await Profiles.GetAsync(BorrowerId.Parse(borrower)))!.ContactPoints.Single(c => c.Kind == ContactKind.Email).VerifiedAt is null;

    /// <summary>A GET as a mail scanner sends it: no cookies, nothing kept.</summary>
    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => Client.GetAsync(pathAndQuery);

    /// <summary>A GET as the borrower's browser sends it: returns the page and what the browser keeps for the POST.</summary>
    public async Task<BrowserPage> OpenAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(pathAndQuery);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var cookies = response.Headers.TryGetValues(HeaderNames.SetCookie, out var setCookies)
            ? string.Join("; ", setCookies.Select(c => c.Split(';')[0]))
            : "";
        var fields = HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value);
        return new BrowserPage(html, cookies, fields, action);
    }

    /// <summary>The borrower clicks the button: the form's fields and the antiforgery cookie go back in a POST.</summary>
    public async Task<HttpResponseMessage> ClickAsync(BrowserPage page)
    {
        page.Action.Should().NotBeEmpty("the page shows a form");
        using var request = new HttpRequestMessage(HttpMethod.Post, page.Action) { Content = new FormUrlEncodedContent(page.Fields) };
        if (page.Cookies.Length > 0)
        {
            request.Headers.Add(HeaderNames.Cookie, page.Cookies);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>GET, then the click: the whole flow of a borrower's browser.</summary>
    public async Task<HttpResponseMessage> VerifyInBrowserAsync(string pathAndQuery) => await ClickAsync(await OpenAsync(pathAndQuery));

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    [GeneratedRegex(@"https://\S+?\?token=[A-Za-z0-9_-]{43}&culture=[A-Za-z0-9-]+")]
    private static partial Regex Link();

    [GeneratedRegex("token=(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex TokenInQuery();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]*)\">")]
    private static partial Regex FormAction();
}
