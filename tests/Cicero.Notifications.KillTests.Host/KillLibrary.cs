using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.KillTests.Host;

/// <summary>
/// The library as a host sets it up: <c>ReservationReady</c> on SMS and e-mail with short templates, a 2 s lease, small
/// batches, the send-logging channels and the shared store; validated at start as a generic host would.
/// </summary>
internal static class KillLibrary
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    public const int BatchSize = 10;

    public static ServiceProvider Build(HostArguments args, SendLog smsLog, SendLog emailLog)
    {
        ArgumentNullException.ThrowIfNull(args);
        var services = new ServiceCollection();
        var builder = services.AddCiceroNotifications(o =>
            {
                o.LibraryName = "Eksempelby Bibliotek";
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                o.Types[NotificationType.ReservationReady.Name] = new NotificationTypeOptions { Protocols = { Protocol.Sms, Protocol.Email } };
                o.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = "Sms", Culture = "da", Body = "{{ library_name }}: {{ title }} er klar til afhentning." });
                o.Templates.Add(new TemplateOptions { Type = "ReservationReady", Protocol = "Email", Culture = "da", Subject = "{{ title }} er klar", Body = "Kære låner, {{ title }} er klar til afhentning." });
                o.Dispatch.LeaseDuration = LeaseDuration;
                o.Dispatch.BatchSize = BatchSize;
                o.Dispatch.MaxParallelism = args.Parallelism;
            })
            .AddChannel(Protocol.Sms, new SmsChannel(smsLog))
            .AddChannel(Protocol.Email, new EmailChannel(emailLog));
        args.Store.Use(builder);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }
}
