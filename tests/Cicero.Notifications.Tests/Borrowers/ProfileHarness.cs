using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Cicero.Notifications.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Scriban.Runtime;

namespace Cicero.Notifications.Tests.Borrowers;

/// <summary>
/// The library wired as a host wires it, with a fake clock, in-memory stores, recording channels for e-mail and SMS, a
/// fake log collector and — unless the real one is asked for — a renderer that writes the template data into the body.
/// </summary>
internal sealed class ProfileHarness : IDisposable
{
    public const string BaseUrl = "https://bibliotek.example.dk/bekraeft-email";

    /// <summary>Tuesday 10 March 2026, 10:00 in Copenhagen (winter time).</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public ProfileHarness(Action<CiceroNotificationsOptions>? configure = null, bool realRenderer = false, IBorrowerProfileStore? profileStore = null, IMessageStore? messageStore = null, Action<Cicero.Notifications.DependencyInjection.ICiceroNotificationsBuilder>? build = null)
    {
        Email = new RecordingChannel(timeProvider: Time);
        Sms = new RecordingChannel(timeProvider: Time);
        ProfileStore = profileStore ?? new InMemoryBorrowerProfileStore();
        Messages = messageStore ?? new InMemoryMessageStore();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IMessageStore>(Messages);
        services.AddSingleton(ProfileStore);
        if (!realRenderer)
        {
            services.AddSingleton<ITemplateRenderer>(Renderer);
        }

        var builder = services.AddCiceroNotifications(o =>
            {
                o.LibraryName = "Eksempelby Bibliotek";
                o.Verification.BaseUrl = new Uri(BaseUrl);
                o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Email }, AlternativeProtocol = Protocol.Sms };
                o.Types["WelcomeBorrower"] = new NotificationTypeOptions { Protocols = { Protocol.Email } };
                configure?.Invoke(o);
            })
            .AddChannel(Protocol.Email, Email)
            .AddChannel(Protocol.Sms, Sms);
        build?.Invoke(builder);
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Provider.GetRequiredService<IStartupValidator>().Validate();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Gets the e-mail channel; it records the fake clock's time of each send.</summary>
    public RecordingChannel Email { get; }

    /// <summary>Gets the SMS channel; it records the fake clock's time of each send.</summary>
    public RecordingChannel Sms { get; }

    public TestRenderer Renderer { get; } = new();

    public IMessageStore Messages { get; }

    public IBorrowerProfileStore ProfileStore { get; }

    public ServiceProvider Provider { get; }

    public IBorrowerProfiles Profiles => Provider.GetRequiredService<IBorrowerProfiles>();

    public IEmailVerification Verification => Provider.GetRequiredService<IEmailVerification>();

    public INotifier Notifier => Provider.GetRequiredService<INotifier>();

    public IMessageDispatcher Dispatcher => Provider.GetRequiredService<IMessageDispatcher>();

    public INightlyJobs Nightly => Provider.GetRequiredService<INightlyJobs>();

    public FakeLogCollector Logs => Provider.GetFakeLogCollector();

    public TimeSpan Window => Provider.GetRequiredService<IOptions<CiceroNotificationsOptions>>().Value.EmailVerificationWindow;

    public static BorrowerId Borrower(string id = "L-1001") => BorrowerId.Parse(id);

    /// <summary>A borrower with a profile and a manually added notification e-mail address (so: a verification message).</summary>
    public async Task<EmailAddedResult> BorrowerWithManualEmailAsync(string id = "L-1001", string email = "laaner@example.dk")
    {
        await Profiles.CreateAsync(Borrower(id));
        return await Profiles.AddEmailAsync(Borrower(id), email, ContactPurpose.Notification, ContactSource.Manual);
    }

    /// <summary>The message, as stored.</summary>
    public async Task<Message> MessageAsync(MessageId id) => (await Messages.GetAsync(id))!;

    /// <summary>The borrower's messages, newest first.</summary>
    public async Task<IReadOnlyList<Message>> MessagesOfAsync(string id = "L-1001")
        => (await Messages.ListByBorrowerAsync(Borrower(id), null, new PageRequest(100))).Items;

    /// <summary>
    /// The verification link in a verification message's body (the test renderer writes <c>verification_url=…</c>): the
    /// borrower's copy once it was sent (the stored message then keeps the link without its token), else the stored one.
    /// </summary>
    public async Task<Uri> LinkInAsync(MessageId verificationMessage)
    {
        var body = Email.Sent.FirstOrDefault(m => m.Id == verificationMessage)?.Body ?? (await MessageAsync(verificationMessage)).Content!.Body;
        var line = body.Split('\n').Single(l => l.StartsWith("verification_url=", StringComparison.Ordinal));
        return new Uri(line["verification_url=".Length..]);
    }

    /// <summary>The token in a verification message's link.</summary>
    public async Task<string> TokenInAsync(MessageId verificationMessage)
    {
        var query = (await LinkInAsync(verificationMessage)).Query;
        query.Should().MatchRegex("^\\?token=[^&]+&culture=");
        return query["?token=".Length..query.IndexOf('&', StringComparison.Ordinal)];
    }

    /// <summary>Every logged message and structured value, for checks that no personal data was logged.</summary>
    public string AllLogText()
        => string.Join('\n', Logs.GetSnapshot().Select(r => r.Message + " " + string.Join(' ', r.StructuredState?.Select(kv => kv.Value) ?? [])));

    public void Dispose() => Provider.Dispose();
}

/// <summary>Renders every template as <c>name=value</c> lines of the data, so tests see exactly what the library passed in.</summary>
internal sealed class TestRenderer : ITemplateRenderer
{
    public ConcurrentQueue<(NotificationType Type, Protocol Protocol, string Culture, IReadOnlyDictionary<string, object?> Data)> Calls { get; } = new();

    public HashSet<Protocol> FailingProtocols { get; } = [];

    public bool HasTemplate(NotificationType type, Protocol protocol, string culture) => true;

    public RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, IReadOnlyDictionary<string, object?> data)
    {
        Calls.Enqueue((type, protocol, culture, data));
        if (FailingProtocols.Contains(protocol))
        {
            throw new TemplateRenderException($"No template for {type} on {protocol} in {culture}.");
        }

        var body = string.Join('\n', data.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={Format(kv.Value)}"));
        return new RenderedTemplate(protocol == Protocol.Sms ? null : $"{type} via {protocol}", body, null);
    }

    public ScriptObject Prepare(IReadOnlyDictionary<string, object?> data)
    {
        var model = new ScriptObject();
        foreach (var (key, value) in data)
        {
            model[key] = value;
        }

        return model;
    }

    public RenderedTemplate Render(NotificationType type, Protocol protocol, string culture, ScriptObject model)
        => Render(type, protocol, culture, model.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal));

    private static string Format(object? value) => value switch
    {
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonElement e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };
}
