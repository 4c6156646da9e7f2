using Cicero.Notifications.Domain;
using Cicero.Notifications.MailKit.Tests.Support;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.MailKit.Tests.Readme;

/// <summary>
/// The README's SMTP example (this folder's <c>appsettings.json</c> and the registration below) run for real: only the
/// server is swapped for the loopback test server, as a host would do with an environment-specific setting.
/// </summary>
public sealed class ReadmeSmtpExampleTests
{
    [Fact]
    public async Task README_SMTP_example_sends_a_reservation_notice()
    {
        await using var server = await FakeSmtpServer.StartAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "Readme", "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // What the host's test environment and secret store would supply.
                ["Cicero:Notifications:Smtp:Host"] = "127.0.0.1",
                ["Cicero:Notifications:Smtp:Port"] = server.Port.ToString(),
                ["Cicero:Notifications:Smtp:TlsMode"] = "None",
                ["Cicero:Notifications:Smtp:UserName"] = "",
            });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SmtpHarness.Start));

        // As in README.md:
        var notifications = builder.Configuration.GetSection("Cicero:Notifications");
        builder.Services.AddCiceroNotifications(notifications)
            .AddSmtpEmail(notifications.GetSection("Smtp"));

        using var host = builder.Build();
        await host.StartAsync();
        var borrower = BorrowerId.Parse("L-1001");
        var profile = BorrowerProfile.Create(borrower)
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse("hans@example.dk"), ContactPurpose.Notification, ContactSource.Import, SmtpHarness.Start));
        await host.Services.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(profile);
        await host.Services.GetRequiredService<INotifier>().NotifyAsync(new Notification(borrower, NotificationType.ReservationReady)
        {
            Data = new Dictionary<string, object?> { ["borrower_name"] = "Hans Hansen", ["title"] = "Kongens Fald", ["pickup_by"] = new DateTime(2025, 3, 10) },
        });
        await host.Services.GetRequiredService<IMessageDispatcher>().DispatchDueAsync();
        await host.StopAsync();

        var mail = server.Received.Should().ContainSingle().Subject.Message;
        (mail.From.ToString(), mail.Subject).Should().Be(("\"Vejle Bibliotekerne\" <noreply@vejlebib.dk>", "Din reservering er klar til afhentning"));
    }
}
