namespace Cicero.Notifications.Http;

/// <summary>
/// How one protocol's messages are posted to an HTTP service (a JSON SMS gateway, an app's notification service), as
/// registered with <c>AddHttpChannel(protocol, …)</c>. Options are named by the protocol's name, bind from configuration
/// and are validated at start-up.
/// </summary>
public class HttpChannelOptions
{
    /// <summary>The prefix of the named <see cref="HttpClient"/> of each HTTP channel: the full name is the prefix plus the protocol's name, for example <c>Cicero.Notifications.Http.Sms</c>.</summary>
    public const string HttpClientNamePrefix = "Cicero.Notifications.Http.";

    /// <summary>
    /// The body template used when none is configured: a JSON object with every variable, each written through the
    /// <c>json</c> function.
    /// </summary>
    public const string DefaultBodyTemplate = """
        {
          "recipient": {{ recipient | json }},
          "sender": {{ sender | json }},
          "subject": {{ subject | json }},
          "text": {{ text | json }},
          "reference": {{ reference | json }},
          "protocol": {{ protocol | json }},
          "culture": {{ culture | json }}
        }
        """;

    /// <summary>Gets or sets the URL each message is POSTed to. It must use <c>https</c>, except for a loopback address (tests).</summary>
    /// <value>The default value is <see langword="null"/>, which validation rejects.</value>
    public Uri? Url { get; set; }

    /// <summary>
    /// Gets the headers sent with every request, for example <c>Authorization</c> or <c>X-Api-Key</c> with a value from
    /// a secret store. Header values are never logged (the HTTP client's logs redact them too).
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets the Scriban template of the request body. Variables: <c>recipient</c> (E.164 phone number, e-mail address,
    /// CPR/CVR digits, or <see langword="null"/>), <c>text</c> (the plain-text body), <c>subject</c> (or <see langword="null"/>),
    /// <c>sender</c> (<see cref="SenderName"/>), <c>reference</c> (the message id, the same on every attempt),
    /// <c>protocol</c>, <c>culture</c>, <c>type</c> (the notification type) and <c>borrower_id</c> (for a service that
    /// addresses borrowers itself, such as an app; left out of the default template, which goes to third parties). Write every value through the <c>json</c>
    /// function — <c>"text": {{ text | json }}</c> — which produces a complete JSON literal (quotes included, every
    /// character escaped); validation renders the template with awkward sample values and fails when the result is not JSON.
    /// The template is sandboxed: no <c>include</c>, no <c>object.eval</c>, undefined variables are errors, loops and output are limited.
    /// </summary>
    /// <value>The default value is <see cref="DefaultBodyTemplate"/>.</value>
    public string BodyTemplate { get; set; } = DefaultBodyTemplate;

    /// <summary>Gets or sets the request's content type. When it is JSON (<c>application/json</c> or <c>…+json</c>), the rendered body must parse as JSON.</summary>
    /// <value>The default value is <c>"application/json"</c> (sent with <c>charset=utf-8</c>).</value>
    public string ContentType { get; set; } = "application/json";

    /// <summary>
    /// Gets or sets where the provider's message id is in a 2xx response's JSON body: property names and array indexes
    /// separated by dots, for example <c>id</c>, <c>data.messageId</c> or <c>messages.0.id</c> (a leading <c>$.</c> is
    /// allowed). The id is stored as <c>Message.ProviderMessageId</c>. A missing id is logged; the message still counts as delivered.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no provider id is read.</value>
    public string? ProviderMessageIdPath { get; set; }

    /// <summary>
    /// Gets or sets the header that carries the message id as an idempotency key (for example <c>Idempotency-Key</c>),
    /// for providers that drop a repeated request with the same key.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no such header.</value>
    public string? IdempotencyKeyHeader { get; set; }

    /// <summary>
    /// Gets or sets how long one request may take, response body included. A request that takes longer is a transient
    /// failure. Measured in real time, not through <see cref="TimeProvider"/>.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the sender name (the <c>sender</c> variable). For <see cref="Domain.Protocol.Sms"/> it must be at most 11
    /// ASCII letters and digits (an alphanumeric sender id, for example <c>Biblioteket</c>) or a phone number.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the library's name, <see cref="CiceroNotificationsOptions.LibraryName"/>.</value>
    public string? SenderName { get; set; }

    /// <summary>
    /// Gets or sets what the channel guarantees when a send is interrupted before its outcome was recorded. Keep
    /// <see cref="DeliveryGuarantee.AtMostOnce"/> for SMS (a repeated SMS costs money and confuses borrowers; such a
    /// message goes to staff as in doubt); choose <see cref="DeliveryGuarantee.AtLeastOnce"/> for a service that drops
    /// repeats by <see cref="IdempotencyKeyHeader"/> or the <c>reference</c>.
    /// </summary>
    /// <value>The default value is <see cref="DeliveryGuarantee.AtMostOnce"/>.</value>
    public DeliveryGuarantee Guarantee { get; set; } = DeliveryGuarantee.AtMostOnce;
}
