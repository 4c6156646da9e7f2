namespace Cicero.Notifications.AspNetCore;

/// <summary>
/// How a provider's delivery-report callback reads: where the provider message id, status, time and reason are in the
/// request, how provider statuses map to outcomes, and how the request is authenticated. For
/// <see cref="Microsoft.AspNetCore.Builder.DeliveryReceiptEndpointRouteBuilderExtensions.MapDeliveryReceipts"/>.
/// </summary>
/// <remarks>
/// A JSON body is one receipt, an array of receipts, or an object holding the array at <see cref="ItemsPath"/>. A form
/// body (<c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>) is one receipt; its paths are field names.
/// Paths are property names and array indexes separated by dots (<c>report.id</c>), as the HTTP channel's
/// <c>ProviderMessageIdPath</c>.
/// </remarks>
public sealed class DeliveryReceiptEndpointOptions
{
    /// <summary>The largest request body read, in bytes (1 MiB); a larger one is refused with 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Gets or sets the path of the array of receipts in a JSON body, or <see langword="null"/> when the body is the receipt or the array itself.</summary>
    public string? ItemsPath { get; set; }

    /// <summary>Gets or sets the path of the provider's message id in one receipt (required): the id the channel returned when it sent the message.</summary>
    public string ProviderMessageIdPath { get; set; } = "";

    /// <summary>Gets or sets the path of the provider's status in one receipt (required); <see cref="Statuses"/> maps it to an outcome.</summary>
    public string StatusPath { get; set; } = "";

    /// <summary>
    /// Gets or sets the path of the provider's time of the report: an ISO 8601 time with an offset, or Unix seconds. When
    /// unset or absent, the time the request arrived.
    /// </summary>
    public string? TimePath { get; set; }

    /// <summary>Gets or sets the path of the provider's reason for a failure (an error code or text), if it sends one.</summary>
    public string? ReasonPath { get; set; }

    /// <summary>
    /// Gets the provider's statuses and what each means, compared ignoring case, for example <c>delivered</c> →
    /// <see cref="DeliveryReceiptOutcome.Delivered"/>, <c>undeliverable</c> and <c>expired</c> →
    /// <see cref="DeliveryReceiptOutcome.FailedPermanently"/>, <c>buffered</c> → <see cref="DeliveryReceiptOutcome.FailedTransiently"/>.
    /// A status not listed is ignored and counted in the answer (the provider is not asked to send it again).
    /// </summary>
    public IDictionary<string, DeliveryReceiptOutcome> Statuses { get; } = new Dictionary<string, DeliveryReceiptOutcome>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets the header that carries a shared secret (for example <c>X-Api-Key</c>); the request is accepted only
    /// when it equals <see cref="SharedSecret"/>, compared in constant time.
    /// </summary>
    public string? SharedSecretHeader { get; set; }

    /// <summary>Gets or sets the shared secret expected in <see cref="SharedSecretHeader"/>. Never logged.</summary>
    public string? SharedSecret { get; set; }

    /// <summary>
    /// Gets or sets the header that carries an HMAC-SHA256 signature of the raw body (for example <c>X-Signature</c>), in
    /// hex or base64, optionally prefixed <c>sha256=</c>; compared in constant time with the signature made with
    /// <see cref="SignatureSecret"/>.
    /// </summary>
    public string? SignatureHeader { get; set; }

    /// <summary>Gets or sets the HMAC-SHA256 key (UTF-8) for <see cref="SignatureHeader"/>. Never logged.</summary>
    public string? SignatureSecret { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether requests are accepted without a secret or signature. Off by default:
    /// anyone who can reach the URL could fail every message. Turn it on only behind a network that only the provider
    /// reaches, or with the host's own authorization on the endpoint.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }
}
