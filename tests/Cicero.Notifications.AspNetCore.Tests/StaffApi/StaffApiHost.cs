using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cicero.Notifications.AspNetCore.Tests.Support;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Cicero.Notifications.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>
/// The staff API as a host maps it, on real Kestrel: the library with the in-memory stores and recording channels, a test
/// authentication scheme, a "CiceroStaff" policy requiring the staff role, problem details and the OpenAPI document.
/// </summary>
internal sealed class StaffApiHost : IAsyncDisposable
{
    public const string Pattern = "/api/staff";
    public const string Staff = "staff-17";
    public static readonly Protocol Print = Protocol.Parse("Print");

    /// <summary>A collected protocol: letters wait for a print run.</summary>
    public static readonly Protocol Letter = Protocol.Parse("Brev");

    private StaffApiHost(KestrelHost host) => Host = host;

    public KestrelHost Host { get; }

    public HttpClient Client => Host.Client;

    public IMessageStore Store => Host.Services.GetRequiredService<IMessageStore>();

    public IBorrowerProfileStore Profiles => Host.Services.GetRequiredService<IBorrowerProfileStore>();

    public static async Task<StaffApiHost> StartAsync(Action<StaffApiOptions>? configure = null)
    {
        var host = await KestrelHost.StartAsync(
            (services, time) =>
            {
                services.AddAuthentication(TestAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
                services.AddAuthorizationBuilder().AddPolicy("CiceroStaff", p => p.RequireRole("staff"));
                services.AddOpenApi();
                services.AddCiceroStaffApi(o =>
                {
                    o.AuthorizationPolicy = "CiceroStaff";
                    configure?.Invoke(o);
                });
                services.AddCiceroNotifications(o =>
                    {
                        o.LibraryName = "Aarhus Bibliotekerne";
                        o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                        o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Print", DisplayNameDa = "Brev", DisplayNameEn = "Letter" });
                        o.Branches["HB"] = new BranchOptions { DisplayNameDa = "Hovedbiblioteket", DisplayNameEn = "Main library" };
                        o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Brev", DisplayNameDa = "Brev", DisplayNameEn = "Letter", Delivery = ProtocolDelivery.Collected });
                        o.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = "Sms", Culture = "da", Body = "Reservering: {{ title }}." });
                        foreach (var protocol in new[] { "Email", "Print" })
                        {
                            o.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = protocol, Culture = "da", Subject = "Om {{ title }}", Body = "Reservering: {{ title }}." });
                        }
                    })
                    .AddChannel(Protocol.Sms, new RecordingChannel(DeliveryGuarantee.AtLeastOnce))
                    .AddChannel(Protocol.Email, new RecordingChannel(DeliveryGuarantee.AtLeastOnce))
                    .AddChannel(Print, new RecordingChannel(DeliveryGuarantee.AtLeastOnce));
            },
            app =>
            {
                app.UseStatusCodePages();
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapOpenApi();
                app.MapCiceroStaffApi(Pattern);
            });
        var api = new StaffApiHost(host);
        api.ActAs(Staff);
        return api;
    }

    /// <summary>Sends the requests as an authenticated user, with the staff role unless told.</summary>
    public void ActAs(string userId, bool staff = true)
        => Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(TestAuthenticationHandler.SchemeName, staff ? userId + " staff" : userId);

    public void Anonymous() => Client.DefaultRequestHeaders.Authorization = null;

    public async Task<Message> AddAsync(Message message) => (await Store.AddAsync([message], null)).Messages.Single();

    public async Task<BorrowerProfile> SaveBorrowerAsync(BorrowerProfile profile) => (await Profiles.TrySaveAsync(profile))!;

    /// <summary>A borrower with an imported notification phone and e-mail address, so reroutes have somewhere to go.</summary>
    public Task<BorrowerProfile> SaveReachableBorrowerAsync(BorrowerId id)
        => SaveBorrowerAsync(BorrowerProfile.Create(id)
            .AddContact(ContactPoint.ForPhone(TestData.Phone, ContactPurpose.Notification, ContactSource.Import, KestrelHost.Start))
            .AddContact(ContactPoint.ForEmail(TestData.Email, ContactPurpose.Notification, ContactSource.Import, KestrelHost.Start)));

    public Task<Message?> GetStoredAsync(MessageId id) => Store.GetAsync(id);

    public static string Route(string path) => Pattern + path;

    public async Task<HttpResponseMessage> GetAsync(string path, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route(path));
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, Route(path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, string? ifMatch = null) => SendAsync(HttpMethod.Post, path, body, ifMatch);

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
