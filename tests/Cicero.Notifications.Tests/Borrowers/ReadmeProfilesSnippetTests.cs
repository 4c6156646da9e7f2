using Cicero.Notifications.DigitalPost;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Tests.Borrowers;

/// <summary>Keeps the README section on profiles, verification, Digital Post and the nightly jobs compiling and working.</summary>
public sealed class ReadmeProfilesSnippetTests
{
    [Fact]
    public async Task The_readme_snippet_adds_an_email_verifies_it_and_runs_the_nightly_jobs()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(ProfileHarness.Start));
        var (verified, nightly) = await ReadmeSnippetAsync(services, tokenFrom: async (provider, messageId) =>
        {
            var body = (await provider.GetRequiredService<IMessageStore>().GetAsync(messageId))!.Content!.Body;
            return body.Split('\n').Single(l => l.Contains("?token=", StringComparison.Ordinal)).Split("?token=")[1].Split('&')[0];
        });

        (verified, nightly.IsEmpty).Should().Be((true, true));
    }

    private static async Task<(bool Verified, NightlyRunResult Nightly)> ReadmeSnippetAsync(IServiceCollection services, Func<IServiceProvider, MessageId, Task<string>> tokenFrom)
    {
        // README start
        services.AddCiceroNotifications(o =>
            {
                o.LibraryName = "Eksempelby Bibliotek";
                o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Email }, AlternativeProtocol = Protocol.Sms };
                o.Types["BalanceStatement"] = new NotificationTypeOptions { Protocols = { Protocol.DigitalPost } };
                o.Templates.Add(new TemplateOptions { Type = "BalanceStatement", Protocol = "DigitalPost", Culture = "da", Subject = "Saldoopgørelse", Body = "Din saldo er {{ balance }} kr." });
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email"); // required when a type uses e-mail
                o.Nightly.RunAt = new TimeOnly(2, 0);                 // local time in o.TimeZone (Europe/Copenhagen)
                o.Nightly.RetentionPeriod = TimeSpan.FromDays(30);    // then message content is anonymized
            })
            .AddChannel<MyEmailChannel>(Protocol.Email)
            .AddChannel<MySmsChannel>(Protocol.Sms)
            .AddDigitalPost<MyNgdpTransport>(d => d.SenderCvr = "13585628") // the library's CVR number
            .AddBackgroundProcessing();                                     // dispatch + the nightly jobs

        using var provider = services.BuildServiceProvider();
        var profiles = provider.GetRequiredService<IBorrowerProfiles>();

        // The borrower detail page.
        var borrower = BorrowerId.Parse("L-1001");
        await profiles.CreateAsync(borrower);
        await profiles.AddPhoneAsync(borrower, "20 12 34 56", ContactPurpose.Notification, ContactSource.Manual);
        var added = await profiles.AddEmailAsync(borrower, "hans@example.dk", ContactPurpose.Notification, ContactSource.Manual);
        // added.VerificationSent: the dispatcher mails https://bibliotek.example.dk/bekraeft-email?token=…
        // until then, e-mail notifications to the address are held; after 3 days it is deleted and they go by SMS.

        await profiles.SetCprAsync(borrower, "010190-1234");
        await profiles.OptInAsync(borrower, "DigitalPost");

        // Hosts with their own scheduler run the nightly jobs themselves instead of AddBackgroundProcessing.
        var nightly = await provider.GetRequiredService<INightlyJobs>().RunAsync();

        // The verification page: GET /bekraeft-email?token=… shows CheckAsync(token) and a button; its POST verifies.
        async Task<bool> VerifyAsync(string token)
            => await provider.GetRequiredService<IEmailVerification>().VerifyEmailAsync(token) == VerificationResult.Verified;
        // README end

        var verified = await VerifyAsync(await tokenFrom(provider, added.VerificationMessageId!.Value));
        return (verified, nightly);
    }

    private sealed class MyEmailChannel : INotificationChannel
    {
        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Delivered());
    }

    private sealed class MySmsChannel : INotificationChannel
    {
        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Delivered());
    }

    private sealed class MyNgdpTransport : IDigitalPostTransport
    {
        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

        public Task<DeliveryResult> SendAsync(DigitalPostLetter letter, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Delivered());
    }
}
