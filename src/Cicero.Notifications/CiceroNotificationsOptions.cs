using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;

namespace Cicero.Notifications;

/// <summary>
/// The server setup of the library's notifications (Cicero's "Serveropsætning", F7): the library's name,
/// the default language and, as the library grows, per notification type which protocols to use.
/// </summary>
/// <remarks>
/// The properties are plain and settable so the options can be bound from configuration
/// (for example the <c>Cicero:Notifications</c> section of <c>appsettings.json</c>).
/// </remarks>
public class CiceroNotificationsOptions
{
    /// <summary>The configuration section the <see cref="Microsoft.Extensions.DependencyInjection.CiceroNotificationsServiceCollectionExtensions"/> bind by default.</summary>
    public const string SectionName = "Cicero:Notifications";

    /// <summary>Gets or sets the library's name, shown as the sender of messages and on printed messages.</summary>
    /// <value>The default value is <c>"Biblioteket"</c>.</value>
    public string LibraryName { get; set; } = "Biblioteket";

    /// <summary>
    /// Gets or sets the library's time zone (an IANA id): printed times, the nightly jobs' schedule, "today" when a CPR
    /// number's birth date is checked, and expiry times in verification mails — correct across daylight-saving changes.
    /// </summary>
    /// <value>The default value is <c>"Europe/Copenhagen"</c> (known even on a machine without time-zone data).</value>
    public string TimeZone { get; set; } = "Europe/Copenhagen";

    /// <summary>Gets or sets the culture used when a borrower has no preferred language.</summary>
    /// <value>The default value is <c>"da-DK"</c>.</value>
    public string DefaultCulture { get; set; } = "da-DK";

    /// <summary>Gets the setup per notification type, keyed by type name (case-insensitive).</summary>
    /// <remarks>Built-in types that are not listed here are not sent.</remarks>
    public IDictionary<string, NotificationTypeOptions> Types { get; } = new Dictionary<string, NotificationTypeOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets the library's branches by code (case-insensitive), such as <c>HB</c> or <c>Filial-Nord</c>: a notification may
    /// name the branch it concerns (<see cref="Notification.Branch"/>), which every message of it keeps; staff filter the
    /// message queue and a borrower's messages by it. A code is 1–32 letters, digits, '-' or '_'.
    /// </summary>
    public IDictionary<string, BranchOptions> Branches { get; } = new Dictionary<string, BranchOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the library's own protocols, such as <c>Print</c> or <c>App</c>.</summary>
    public IList<UserDefinedProtocolOptions> UserDefinedProtocols { get; } = [];

    /// <summary>Gets or sets how long a manually added e-mail address may stay unverified before it is deleted.</summary>
    /// <value>The default value is 3 days.</value>
    public TimeSpan EmailVerificationWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Gets the templates configured in options; they override the shipped Danish and English defaults.</summary>
    public IList<TemplateOptions> Templates { get; } = [];

    /// <summary>Gets or sets the most SMS segments a message may have; a longer SMS fails with TemplateFailed.</summary>
    /// <value>The default value is 10 segments.</value>
    public int MaxSmsSegments { get; set; } = 10;

    /// <summary>Gets how transient failures are retried.</summary>
    public RetryOptions Retry { get; } = new();

    /// <summary>Gets how the e-mail verification message is retried: 12 tries, 5 minutes apart. It never enters the message queue.</summary>
    public RetryOptions VerificationRetry { get; } = new() { MaxAttempts = 12, BaseDelay = TimeSpan.FromMinutes(5), Multiplier = 1, Jitter = 0 };

    /// <summary>Gets how due messages are claimed and sent.</summary>
    public DispatchOptions Dispatch { get; } = new();

    /// <summary>Gets how borrowers verify manually added e-mail addresses: the base URL of the verification link.</summary>
    public VerificationOptions Verification { get; } = new();

    /// <summary>Gets when and how the nightly jobs (anonymization, expired e-mail addresses) run.</summary>
    public NightlyOptions Nightly { get; } = new();

    /// <summary>Gets how single messages are printed for staff: the library's time zone and the print layouts.</summary>
    public PrintOptions Print { get; } = new();

    /// <summary>
    /// Gets the quiet hours by protocol name, in the library's <see cref="TimeZone"/>: a message that becomes due inside its
    /// protocol's window (a first send, a retry, a staff retry or reroute, a released e-mail) waits until the window ends,
    /// for example <c>"QuietHours": { "Sms": { "From": "21:00", "To": "08:00" } }</c>. A type can replace a protocol's window
    /// or ignore them (<see cref="NotificationTypeOptions.QuietHours"/>, <see cref="NotificationTypeOptions.IgnoreQuietHours"/>).
    /// </summary>
    /// <value>The default value is empty: no quiet hours.</value>
    public IDictionary<string, QuietHoursWindow> QuietHours { get; } = new Dictionary<string, QuietHoursWindow>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets how delivery receipts that arrive before their message is recorded are kept.</summary>
    public DeliveryReceiptOptions Receipts { get; } = new();
}
