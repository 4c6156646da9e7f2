using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Http.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Http.Tests.Sending;

/// <summary>A user-defined protocol (an app's notification service) whose messages need no address: the service knows the borrower.</summary>
public sealed class HttpUserDefinedProtocolTests
{
    private static readonly Protocol App = Protocol.Parse("App");

    [Fact]
    public async Task App_service_receives_the_borrower_id_and_no_recipient()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(HttpHarness.Start));
        services.AddCiceroNotifications(o => o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "App", Address = ProtocolAddress.None }))
            .AddHttpChannel(App, o =>
            {
                o.Url = gateway.Url;
                o.Guarantee = DeliveryGuarantee.AtLeastOnce;
                o.BodyTemplate = """{ "user": {{ borrower_id | json }}, "to": {{ recipient | json }}, "title": {{ subject | json }}, "body": {{ text | json }} }""";
            });
        await using var provider = services.BuildServiceProvider();
        var channel = provider.GetRequiredKeyedService<HttpChannel>("App");
        var message = new OutgoingMessage
        {
            Id = MessageId.New(HttpHarness.Start),
            Protocol = App,
            Type = NotificationType.ReservationReady,
            BorrowerId = BorrowerId.Parse("L-1001"),
            Subject = "Din reservering er klar",
            Body = "Hent den senest fredag.",
            Culture = "da-DK",
        };

        await channel.SendAsync(message, CancellationToken.None);

        using var body = JsonDocument.Parse(gateway.Requests.Should().ContainSingle().Subject.Body);
        (body.RootElement.GetProperty("user").GetString(), body.RootElement.GetProperty("to").ValueKind).Should().Be(("L-1001", JsonValueKind.Null));
    }
}
