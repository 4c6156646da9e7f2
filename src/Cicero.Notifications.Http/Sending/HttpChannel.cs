using Cicero.Notifications.Json;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scriban.Syntax;

namespace Cicero.Notifications.Http;

/// <summary>
/// POSTs each message of one protocol to an HTTP service, with a body rendered from a sandboxed Scriban template.
/// Registered by <c>AddHttpChannel(protocol, …)</c>. Thread-safe.
/// </summary>
/// <remarks>
/// Status mapping (<see cref="HttpStatusMapping"/>): 2xx delivered; 3xx (redirects are not followed), 401, 403, 404, 407,
/// 415, 429 and a service that cannot be reached (connection refused, name not resolved, TLS or proxy failure) mean the
/// channel is unavailable, so the protocol pauses; 408, 5xx, timeouts and other network errors transient; other 4xx
/// permanent. <c>Retry-After</c> is honoured. No retry happens here: the dispatcher owns retries, and a blind HTTP retry
/// can send an SMS twice.
/// </remarks>
internal sealed class HttpChannel : INotificationChannel
{
    /// <summary>How much of a response body is read to find the provider's id.</summary>
    internal const int MaxResponseBytes = 64 * 1024;

    /// <summary>The longest <c>Retry-After</c> honoured.</summary>
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    private readonly Protocol _protocol;
    private readonly HttpChannelOptions _options;
    private readonly HttpBodyTemplate _template;
    private readonly JsonPath? _providerIdPath;
    private readonly MediaTypeHeaderValue _contentType;
    private readonly string _sender;
    private readonly string _clientName;
    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public HttpChannel(Protocol protocol, HttpChannelOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<HttpChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(time);
        _protocol = protocol;
        _options = options;
        _template = HttpBodyTemplate.Parse(options.BodyTemplate);
        _providerIdPath = JsonPath.TryParse(options.ProviderMessageIdPath, out var path) ? path : null;
        _contentType = MediaTypeHeaderValue.Parse(options.ContentType);
        _contentType.CharSet ??= "utf-8";
        var sender = options.SenderName ?? string.Empty;
        _sender = protocol == Protocol.Sms && SmsSenderName.TryNormalize(sender, out var normalized) ? normalized : sender;
        _clientName = HttpChannelOptions.HttpClientNamePrefix + protocol.Name;
        _clients = clients;
        _time = time;
        _logger = logger ?? NullLogger<HttpChannel>.Instance;
    }

    /// <inheritdoc/>
    public DeliveryGuarantee Guarantee => _options.Guarantee;

    /// <inheritdoc/>
    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        string body;
        try
        {
            body = _template.Render(new HttpBodyValues(
                message.Recipient?.Value,
                message.Body,
                message.Subject,
                _sender,
                message.Id.ToString(),
                message.Protocol.Name,
                message.Culture,
                message.Type.Name,
                message.BorrowerId.Value));
        }
        catch (ScriptRuntimeException ex)
        {
            // The exception's text may quote a value: only its position is kept.
            return BodyTemplateFailed(message.Id, $"template error at line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return BodyTemplateFailed(message.Id, "the template took too long");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url);
        request.Content = new StringContent(body, Encoding.UTF8, _contentType);
        foreach (var (name, value) in _options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (_options.IdempotencyKeyHeader is { } idempotencyHeader)
        {
            request.Headers.TryAddWithoutValidation(idempotencyHeader, message.Id.ToString());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        HttpResponseMessage response;
        try
        {
            var client = _clients.CreateClient(_clientName);
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            HttpLog.Timeout(_logger, message.Id, _protocol, _options.Timeout);
            return DeliveryResult.TransientFailure($"HTTP timeout: no response within {_options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex)
        {
            HttpLog.RequestFailed(_logger, message.Id, _protocol, ex.GetType().Name, ex.HttpRequestError.ToString());
            return HttpStatusMapping.ToResult(ex.HttpRequestError);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var providerId = await ReadProviderIdAsync(response, message.Id, timeout.Token).ConfigureAwait(false);
                HttpLog.MessageAccepted(_logger, message.Id, _protocol, status);
                return DeliveryResult.Delivered(providerId);
            }

            var result = HttpStatusMapping.ToResult(response.StatusCode, RetryAfter(response));
            switch (result.Outcome)
            {
                case DeliveryOutcome.PermanentFailure:
                    HttpLog.MessageRejected(_logger, message.Id, _protocol, status);
                    break;
                case DeliveryOutcome.ChannelUnavailable:
                    HttpLog.ChannelUnavailable(_logger, message.Id, _protocol, status, result.Reason!, result.RetryAfter);
                    break;
                default:
                    HttpLog.MessageDeferred(_logger, message.Id, _protocol, status, result.RetryAfter);
                    break;
            }

            return result;
        }
    }

    private DeliveryResult BodyTemplateFailed(MessageId id, string problem)
    {
        HttpLog.BodyTemplateFailed(_logger, id, _protocol, problem);
        return DeliveryResult.PermanentFailure($"The HTTP body template failed ({problem}); fix BodyTemplate and retry the message.");
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        return wait is { } value ? TimeSpan.FromTicks(Math.Clamp(value.Ticks, 0, MaxRetryAfter.Ticks)) : null;
    }

    /// <summary>Reads the provider's id from a 2xx response; the message is delivered whatever happens here.</summary>
    private async Task<string?> ReadProviderIdAsync(HttpResponseMessage response, MessageId id, CancellationToken cancellationToken)
    {
        if (_providerIdPath is null)
        {
            return null;
        }

        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxResponseBytes + 1];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                if (length <= MaxResponseBytes)
                {
                    using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                    if (_providerIdPath.Find(document.RootElement) is { } providerId)
                    {
                        return providerId;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Not JSON, too slow or cut off: the provider accepted the message all the same.
        }

        HttpLog.ProviderIdMissing(_logger, id, _protocol, _providerIdPath.ToString());
        return null;
    }
}
