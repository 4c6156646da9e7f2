using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Http.Tests.Support;
using Cicero.Notifications.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Http.Tests.Readme;

/// <summary>
/// The README's complete SMS gateway example run for real against a fake of the documented gateway: only the URL is
/// swapped for the loopback gateway, and the API key comes from configuration as a secret store would supply it.
/// </summary>
public sealed class ReadmeSmsExampleTests : IAsyncLifetime
{
    private const string ApiKey = "gw_live_5b1e0f";

    private FakeGateway _gateway = null!;
    private IHost _host = null!;
    private Message _message = null!;

    public async Task InitializeAsync()
    {
        _gateway = await FakeGateway.StartAsync();
        _gateway.Respond = (context, _) =>
        {
            // The documented gateway: 202 Accepted with the ids it gave each recipient.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return context.Response.WriteAsJsonAsync(new { messages = new[] { new { id = "msg_8fk2", to = "4520123456", status = "queued" } } });
        };

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cicero:Notifications:LibraryName"] = "Vejle Bibliotekerne",
            ["Cicero:Notifications:Types:ReservationReady:Protocols:0"] = "Sms",
            ["SmsGateway:ApiKey"] = ApiKey,
        });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(HttpHarness.Start));

        // As in README.md (with the loopback gateway's URL):
        var notifications = builder.Configuration.GetSection("Cicero:Notifications");
        builder.Services.AddCiceroNotifications(notifications)
            .AddHttpChannel(Protocol.Sms, o =>
            {
                o.Url = _gateway.Url;
                o.Headers["Authorization"] = "Bearer " + builder.Configuration["SmsGateway:ApiKey"];
                o.SenderName = "VejleBib";
                o.BodyTemplate = """
                    {
                      "from": {{ sender | json }},
                      "to": [{{ recipient | string.replace "+" "" | json }}],
                      "text": {{ text | json }},
                      "reference": {{ reference | json }}
                    }
                    """;
                o.ProviderMessageIdPath = "messages.0.id";
                o.Timeout = TimeSpan.FromSeconds(15);
            });

        _host = builder.Build();
        await _host.StartAsync();
        var borrower = BorrowerId.Parse("L-1001");
        var profile = BorrowerProfile.Create(borrower)
            .AddContact(ContactPoint.ForPhone(PhoneNumber.Parse("20 12 34 56"), ContactPurpose.Notification, ContactSource.Import, HttpHarness.Start));
        await _host.Services.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(profile);
        var created = await _host.Services.GetRequiredService<INotifier>().NotifyAsync(new Notification(borrower, NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["borrower_name"] = "Hans Hansen", ["title"] = "Kongens Fald", ["pickup_by"] = new DateTime(2025, 3, 10) },
        });
        _message = created.Single();
        await _host.Services.GetRequiredService<IMessageDispatcher>().DispatchDueAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public void README_SMS_example_posts_the_documented_request()
    {
        var request = _gateway.Requests.Should().ContainSingle().Subject;
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;

        (request.Headers["Authorization"], root.GetProperty("from").GetString(), root.GetProperty("to")[0].GetString(), root.GetProperty("reference").GetString())
            .Should().Be(("Bearer " + ApiKey, "VejleBib", "4520123456", _message.Id.ToString()));
    }

    [Fact]
    public void README_SMS_example_sends_the_rendered_Danish_text()
    {
        using var body = JsonDocument.Parse(_gateway.Requests.Should().ContainSingle().Subject.Body);

        body.RootElement.GetProperty("text").GetString().Should().Be("Vejle Bibliotekerne: Din reservering \"Kongens Fald\" er klar til afhentning. Hent den senest 10. marts 2025.");
    }

    [Fact]
    public async Task README_SMS_example_stores_the_gateway_message_id()
    {
        var sent = await _host.Services.GetRequiredService<IMessageStore>().GetAsync(_message.Id);

        (sent!.Status, sent.ProviderMessageId).Should().Be((MessageStatus.Sent, "msg_8fk2"));
    }
}
