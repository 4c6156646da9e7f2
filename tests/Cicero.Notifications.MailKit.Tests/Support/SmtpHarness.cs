using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.MailKit.Tests.Support;

/// <summary>
/// A real SMTP server on loopback plus the real pipeline (<c>AddCiceroNotifications</c> with in-memory stores and
/// <c>AddSmtpEmail</c>), a <see cref="FakeTimeProvider"/> and a log collector that captures every category at Trace.
/// </summary>
internal sealed class SmtpHarness : PipelineHarness
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private SmtpHarness(FakeSmtpServer server, ServiceProvider services, FakeTimeProvider time, FakeLogCollector logs)
        : base(services, time, logs)
    {
        Server = server;
    }

    public FakeSmtpServer Server { get; }

    public SmtpEmailChannel Channel => Services.GetRequiredService<SmtpEmailChannel>();

    public static async Task<SmtpHarness> StartAsync(Action<SmtpEmailOptions>? configure = null, TimeSpan? serverCommandWaitTimeout = null, string libraryName = "Københavns Biblioteker", bool serverRequiresAuthentication = false)
    {
        var server = await FakeSmtpServer.StartAsync(serverCommandWaitTimeout, serverRequiresAuthentication);
        var time = new FakeTimeProvider(Start);
        var logs = new FakeLogCollector();
        var services = NewServices(time, logs);
        services.AddCiceroNotifications(o =>
            {
                o.LibraryName = libraryName;
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                o.Types["WelcomeBorrower"] = new NotificationTypeOptions { Protocols = { Protocol.Email } };
                o.Retry.BaseDelay = TimeSpan.FromMinutes(1);
                o.Retry.Jitter = 0;
                o.Templates.Add(new() { Type = "WelcomeBorrower", Protocol = "Email", Subject = "Velkommen til biblioteket", Body = "Kære låner, velkommen. Hilsen {{ library }}" });
            })
            .AddSmtpEmail(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = server.Port;
                o.TlsMode = SmtpTlsMode.None;
                o.SenderAddress = "noreply@bibliotek.dk";
                o.ConnectTimeout = TimeSpan.FromSeconds(10);
                o.CommandTimeout = TimeSpan.FromSeconds(10);
                configure?.Invoke(o);
            });
        return new SmtpHarness(server, services.BuildServiceProvider(validateScopes: true), time, logs);
    }

    public OutgoingMessage Email(string to, string? subject = "Din reservering er klar", string body = "Hej Åse, bogen ligger klar.", string? html = null) => new()
    {
        Id = MessageId.New(Time.GetUtcNow()),
        Protocol = Protocol.Email,
        Type = NotificationType.ReservationReady,
        BorrowerId = BorrowerId.Parse("B-1"),
        Recipient = MessageRecipient.Email(EmailAddress.Parse(to)),
        Subject = subject,
        Body = body,
        HtmlBody = html,
        Culture = "da-DK",
    };

    /// <summary>Saves a borrower with an imported (so verified) Notification e-mail and notifies them: one Pending e-mail message.</summary>
    public async Task<Message> NotifyAsync(string email, string borrower = "B-1")
    {
        var id = BorrowerId.Parse(borrower);
        var profile = BorrowerProfile.Create(id)
            .AddContact(ContactPoint.ForEmail(EmailAddress.Parse(email), ContactPurpose.Notification, ContactSource.Import, Time.GetUtcNow()));
        (await Services.GetRequiredService<IBorrowerProfileStore>().TrySaveAsync(profile)).Should().NotBeNull();
        var created = await Notifier.NotifyAsync(new Notification(id, NotificationType.WelcomeBorrower) { Data = new Dictionary<string, object?> { ["library"] = "Københavns Biblioteker" } });
        return created.Should().ContainSingle().Subject;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Server.DisposeAsync();
    }
}
