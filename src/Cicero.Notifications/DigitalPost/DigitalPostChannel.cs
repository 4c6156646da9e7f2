using System.Globalization;
using Cicero.Notifications.Profiles;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.DigitalPost;

/// <summary>
/// The Digital Post channel: builds a MeMo 1.1 letter from each message — sender the library's CVR, recipient the
/// borrower's CPR or CVR, the body as a text file — and hands it to the host's <see cref="IDigitalPostTransport"/>.
/// Register it with <c>AddDigitalPost&lt;TTransport&gt;(…)</c>. Thread-safe.
/// </summary>
/// <remarks>
/// The CPR number goes only into the MeMo document: never into logs, results or exceptions. A message without a CPR or CVR
/// recipient is refused (permanent failure) without calling the transport.
/// </remarks>
internal sealed class DigitalPostChannel : INotificationChannel
{
    private readonly IDigitalPostTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _senderCvr;
    private readonly string _senderLabel;
    private readonly string _fileName;

    /// <summary>Initializes a new instance of the <see cref="DigitalPostChannel"/> class.</summary>
    /// <param name="transport">The host's transport.</param>
    /// <param name="options">The sender: the library's CVR number.</param>
    /// <param name="notificationOptions">The library's setup (its name is the default sender label).</param>
    /// <param name="timeProvider">The clock, for <c>createdDateTime</c>.</param>
    /// <param name="logger">A logger, optional.</param>
    /// <exception cref="ArgumentException"><see cref="DigitalPostOptions.SenderCvr"/> is not a valid CVR number.</exception>
    public DigitalPostChannel(
        IDigitalPostTransport transport,
        IOptions<DigitalPostOptions> options,
        IOptions<CiceroNotificationsOptions> notificationOptions,
        TimeProvider timeProvider,
        ILogger<DigitalPostChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(notificationOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var value = options.Value;
        _senderCvr = Cvr.TryParse(value.SenderCvr, out var cvr)
            ? cvr.Value
            : throw new ArgumentException("DigitalPostOptions.SenderCvr must be the library's CVR number.", nameof(options));
        _senderLabel = string.IsNullOrWhiteSpace(value.SenderLabel) ? notificationOptions.Value.LibraryName : value.SenderLabel;
        _fileName = value.FileName;
        _transport = transport;
        _time = timeProvider;
        _logger = logger ?? NullLogger<DigitalPostChannel>.Instance;
    }

    /// <summary>Gets the transport's guarantee.</summary>
    public DeliveryGuarantee Guarantee => _transport.Guarantee;

    /// <summary>Builds the MeMo letter and hands it to the transport.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <returns>The transport's result; a permanent failure when the message has no CPR or CVR recipient.</returns>
    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var letter = Build(message);
        if (letter is null)
        {
            ProfileLog.DigitalPostNoIdentifier(_logger, message.Id);
            return DeliveryResult.PermanentFailure("Digital Post needs a CPR or CVR number; the message has neither.");
        }

        var result = await _transport.SendAsync(letter, cancellationToken).ConfigureAwait(false);
        ProfileLog.DigitalPostHandedOver(_logger, message.Id, letter.RecipientKind, result.Outcome);
        return result;
    }

    /// <summary>Builds the letter; <see langword="null"/> when the message is not addressed by CPR or CVR.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The letter, or <see langword="null"/>.</returns>
    internal DigitalPostLetter? Build(OutgoingMessage message)
    {
        if (message.Recipient is not { Kind: RecipientKind.Cpr or RecipientKind.Cvr } recipient)
        {
            return null;
        }

        var culture = Culture(message.Culture);
        var uuid = MeMoWriter.MessageUuid(message.Id.Value);
        var memo = MeMoWriter.Write(new MeMoContent(
            uuid,
            string.IsNullOrWhiteSpace(message.Subject) ? DisplayNames.Of(message.Type, culture) : message.Subject,
            _senderCvr,
            _senderLabel,
            recipient.Value,
            recipient.Kind == RecipientKind.Cpr ? "CPR" : "CVR",
            _time.GetUtcNow(),
            _fileName,
            DisplayNames.IsEnglish(culture) ? "en" : "da",
            message.Body));
        return new DigitalPostLetter(message.Id, uuid, recipient.Kind, memo);
    }

    private static CultureInfo? Culture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
