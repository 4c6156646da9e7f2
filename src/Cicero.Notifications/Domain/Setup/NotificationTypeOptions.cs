namespace Cicero.Notifications.Domain;

/// <summary>
/// The server setup of one notification type: which protocols it goes out on, in order, and the optional
/// alternative protocol used when the borrower has chosen none of them.
/// </summary>
/// <remarks>
/// Plain settable properties, bindable from configuration, for example
/// <c>"WelcomeBorrower": { "Protocols": [ "Sms", "Email" ], "AlternativeProtocol": "Print" }</c>.
/// </remarks>
public class NotificationTypeOptions
{
    /// <summary>Gets the protocols, in order. At least one; each built-in or user-defined; no duplicates.</summary>
    public IList<Protocol> Protocols { get; } = [];

    /// <summary>Gets or sets the alternative protocol (<em>alternativ protokol</em>); not one of <see cref="Protocols"/>.</summary>
    /// <value>The default value is <see langword="null"/>: a borrower with none of the protocols gets a MissingContactInfo message.</value>
    public Protocol? AlternativeProtocol { get; set; }

    /// <summary>
    /// Gets the ordered fallback protocols (<em>automatisk alternativ</em>): when every message of a notification has
    /// failed for good, one message goes out on the first of these that the borrower can receive and the notification has
    /// not used yet, rendered from the notification's stored data. Each built-in or user-defined; no duplicates.
    /// </summary>
    /// <value>The default value is empty: failed messages wait in the message queue for staff.</value>
    public IList<Protocol> Fallback { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether a message whose outcome is in doubt (<see cref="MessageFailureKind.InDoubt"/>)
    /// counts as failed for <see cref="Fallback"/>. It may have reached the borrower, so a fallback could notify twice.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: staff decide about an in-doubt message.</value>
    public bool FallbackOnInDoubt { get; set; }

    /// <summary>
    /// Gets or sets the digest window (<em>samlebesked</em>): notifications of this type for the same borrower that arrive
    /// within this time of the first become one message per protocol, rendered with the list of their data as
    /// <c>items</c>, and sent when the window ends (or later, for a notification whose <see cref="Notification.NotBefore"/>
    /// is later). At most one day; the type's templates must use <c>items</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: every notification is a message of its own, sent at once.</value>
    public TimeSpan? DigestWindow { get; set; }

    /// <summary>
    /// Gets this type's own quiet hours by protocol name, replacing the server's <see cref="CiceroNotificationsOptions.QuietHours"/>
    /// for that protocol (a window whose <c>From</c> equals its <c>To</c> switches them off).
    /// </summary>
    public IDictionary<string, QuietHoursWindow> QuietHours { get; } = new Dictionary<string, QuietHoursWindow>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets a value indicating whether the type ignores quiet hours (an urgent type). E-mail verification always does.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IgnoreQuietHours { get; set; }

    /// <summary>Gets or sets the Danish display name of a host-defined type (built-in types have their own).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DisplayNameDa { get; set; }

    /// <summary>Gets or sets the English display name of a host-defined type (built-in types have their own).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? DisplayNameEn { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether configuration named protocols here that the binder could not convert (and
    /// dropped): that error is reported from the configuration, so an empty <see cref="Protocols"/> is not reported again.
    /// </summary>
    internal bool HasProtocolsTheBinderDropped { get; set; }

    /// <summary>The longest <see cref="DigestWindow"/> accepted.</summary>
    internal static readonly TimeSpan MaxDigestWindow = TimeSpan.FromDays(1);

    /// <summary>Gets every protocol the type can send on: its protocols, its alternative and its fallbacks (nulls skipped).</summary>
    internal IEnumerable<Protocol> AllProtocols => Protocols.Append(AlternativeProtocol).Concat(Fallback).OfType<Protocol>().Distinct();
}
