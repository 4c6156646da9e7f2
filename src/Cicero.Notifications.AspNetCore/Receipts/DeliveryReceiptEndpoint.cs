using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Cicero.Notifications.AspNetCore.Receipts;

/// <summary>One mapped receipt endpoint: its checked options, compiled paths and the request handling.</summary>
internal sealed class DeliveryReceiptEndpoint
{
    private readonly Protocol _protocol;
    private readonly JsonPath? _items;
    private readonly JsonPath _id;
    private readonly JsonPath _status;
    private readonly JsonPath? _time;
    private readonly JsonPath? _reason;
    private readonly DeliveryReceiptEndpointOptions _options;
    private readonly Dictionary<string, DeliveryReceiptOutcome> _statuses;
    private readonly byte[]? _secretHash;
    private readonly byte[]? _signatureKey;

    private DeliveryReceiptEndpoint(Protocol protocol, DeliveryReceiptEndpointOptions options)
    {
        _protocol = protocol;
        _options = options;
        _items = PathOf(options.ItemsPath);
        _id = PathOf(options.ProviderMessageIdPath)!;
        _status = PathOf(options.StatusPath)!;
        _time = PathOf(options.TimePath);
        _reason = PathOf(options.ReasonPath);
        _statuses = new Dictionary<string, DeliveryReceiptOutcome>(options.Statuses, StringComparer.OrdinalIgnoreCase);
        _secretHash = options.SharedSecret is { Length: > 0 } secret ? SHA256.HashData(Encoding.UTF8.GetBytes(secret)) : null;
        _signatureKey = options.SignatureSecret is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;
    }

    public static DeliveryReceiptEndpoint Create(Protocol protocol, DeliveryReceiptEndpointOptions options)
    {
        var problems = new List<string>();
        var label = $"The {protocol.Name} delivery receipt endpoint";
        CheckPath(options.ProviderMessageIdPath, nameof(options.ProviderMessageIdPath), required: true);
        CheckPath(options.StatusPath, nameof(options.StatusPath), required: true);
        CheckPath(options.ItemsPath, nameof(options.ItemsPath), required: false);
        CheckPath(options.TimePath, nameof(options.TimePath), required: false);
        CheckPath(options.ReasonPath, nameof(options.ReasonPath), required: false);
        if (options.Statuses.Count == 0)
        {
            problems.Add($"{label} maps no statuses: add the provider's statuses to Statuses (for example \"delivered\" → Delivered, \"undeliverable\" → FailedPermanently).");
        }

        foreach (var (name, outcome) in options.Statuses)
        {
            if (!Enum.IsDefined(outcome))
            {
                problems.Add($"{label}: status '{name}' maps to '{(int)outcome}', which is not an outcome: use Delivered, FailedPermanently or FailedTransiently.");
            }
        }

        var bySecret = !string.IsNullOrEmpty(options.SharedSecretHeader) || !string.IsNullOrEmpty(options.SharedSecret);
        var bySignature = !string.IsNullOrEmpty(options.SignatureHeader) || !string.IsNullOrEmpty(options.SignatureSecret);
        if (bySecret && (string.IsNullOrWhiteSpace(options.SharedSecretHeader) || string.IsNullOrEmpty(options.SharedSecret)))
        {
            problems.Add($"{label} needs both SharedSecretHeader and SharedSecret.");
        }

        if (bySignature && (string.IsNullOrWhiteSpace(options.SignatureHeader) || string.IsNullOrEmpty(options.SignatureSecret)))
        {
            problems.Add($"{label} needs both SignatureHeader and SignatureSecret.");
        }

        if (!bySecret && !bySignature && !options.AllowUnauthenticated)
        {
            problems.Add($"{label} has no authentication: set SharedSecretHeader and SharedSecret, or SignatureHeader and SignatureSecret (HMAC-SHA256 of the body), or AllowUnauthenticated = true when only the provider can reach it.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        return new DeliveryReceiptEndpoint(protocol, options);

        void CheckPath(string? path, string name, bool required)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                if (required)
                {
                    problems.Add($"{label} has no {name}: the path of that field in the provider's request (for example 'id').");
                }
            }
            else if (!JsonPath.TryParse(path, out _))
            {
                problems.Add($"{label}: {name} '{path}' is not a path: use property names and array indexes separated by dots, for example 'messages.0.id'.");
            }
        }
    }

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Cicero.Notifications.AspNetCore.DeliveryReceipts");
        var arrival = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var request = context.Request;
        if (request.ContentLength > DeliveryReceiptEndpointOptions.MaxBodyBytes)
        {
            return TooLarge();
        }

        // A form is parsed again from the buffered body after the signature is checked; JSON is parsed from the bytes read.
        if (request.HasFormContentType)
        {
            request.EnableBuffering(DeliveryReceiptEndpointOptions.MaxBodyBytes);
        }

        var body = await ReadAsync(request.Body, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge();
        }

        if (Refusal(request.Headers, body) is { } why)
        {
            ReceiptEndpointLog.Refused(logger, _protocol, why);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The delivery report is not authenticated.", detail: $"The request needs a valid {why}.");
        }

        List<(string? Id, string? Status, string? Time, string? Reason)> entries;
        if (request.HasFormContentType)
        {
            request.Body.Position = 0;
            var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            entries = [(Field(form, _options.ProviderMessageIdPath), Field(form, _options.StatusPath), Field(form, _options.TimePath), Field(form, _options.ReasonPath))];
        }
        else if (request.ContentType is null || IsJson(request.ContentType))
        {
            if (!TryReadJson(body, out var read))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The delivery report is not JSON.", detail: "Send a JSON object, an array of objects, or form data.");
            }

            entries = read;
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The delivery report's content type is not supported.", detail: "Send application/json or form data.");
        }

        var receipts = new List<DeliveryReceipt>(entries.Count);
        foreach (var (id, status, time, reason) in entries)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Length > DeliveryReceipt.MaxProviderMessageIdLength || id.Any(char.IsControl)
                || status is null || !_statuses.TryGetValue(status.Trim(), out var outcome))
            {
                continue;
            }

            receipts.Add(new DeliveryReceipt(_protocol, id.Trim(), outcome, ParseTime(time) ?? arrival, reason));
        }

        var ignored = entries.Count - receipts.Count;
        if (ignored > 0)
        {
            ReceiptEndpointLog.Ignored(logger, ignored, entries.Count, _protocol);
        }

        var results = receipts.Count == 0 ? [] : await services.GetRequiredService<IDeliveryReceipts>().ApplyManyAsync(receipts, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new DeliveryReceiptAnswer(
            results.Count(r => r == DeliveryReceiptResult.Applied),
            results.Count(r => r == DeliveryReceiptResult.Unchanged),
            results.Count(r => r == DeliveryReceiptResult.Kept),
            ignored));
    }

    private static JsonPath? PathOf(string? text) => JsonPath.TryParse(text, out var path) ? path : null;

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The delivery report is too large.",
        detail: $"Send at most {DeliveryReceiptEndpointOptions.MaxBodyBytes} bytes per request.");

    private static bool IsJson(string contentType)
        => contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Split(';')[0].EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static string? Field(IFormCollection form, string? name)
        => name is not null && form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;

    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > DeliveryReceiptEndpointOptions.MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>Why the request is refused ("shared secret", "signature"), or null when it is authenticated.</summary>
    private string? Refusal(IHeaderDictionary headers, byte[] body)
    {
        if (_secretHash is not null)
        {
            var given = headers[_options.SharedSecretHeader!].ToString();
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _secretHash))
            {
                return "shared secret";
            }
        }

        if (_signatureKey is not null)
        {
            var expected = HMACSHA256.HashData(_signatureKey, body);
            if (!TryDecodeSignature(headers[_options.SignatureHeader!].ToString(), out var given) || !CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return "signature";
            }
        }

        return null;
    }

    private static bool TryDecodeSignature(string header, out byte[] signature)
    {
        signature = [];
        var text = header.Trim();
        if (text.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        if (text.Length == 64 && text.All(char.IsAsciiHexDigit))
        {
            signature = Convert.FromHexString(text);
            return true;
        }

        var bytes = new byte[48];
        if (Convert.TryFromBase64String(text, bytes, out var written) && written == 32)
        {
            signature = bytes[..32];
            return true;
        }

        return false;
    }

    private bool TryReadJson(byte[] body, out List<(string?, string?, string?, string?)> entries)
    {
        entries = [];
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            if (_items is not null)
            {
                root = _items.FindElement(root) ?? default;
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray())
                {
                    entries.Add(Entry(item));
                }
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                entries.Add(Entry(root));
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private (string?, string?, string?, string?) Entry(JsonElement item)
        => (_id.Find(item), _status.Find(item), _time?.Find(item), _reason?.Find(item));

    private static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            // Seconds, or milliseconds for a provider that sends those (anything past the year 5138 in seconds).
            return unix > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }
}
