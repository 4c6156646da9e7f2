using System.Globalization;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// One row of the stores' <c>messages</c> table as plain values, for the bare-driver side of the benchmarks: what an
/// application writing the same rows without the library would hold. Built from the same templates' text, with the
/// same compact history JSON the stores write.
/// </summary>
internal sealed record RawMessage
{
    public const short Pending = 0;
    public const short Sent = 1;
    public const short Failed = 2;
    public const short Phone = 0;
    public const short Email = 1;

    public required Guid Id { get; init; }

    public required string BorrowerId { get; init; }

    public string Type { get; init; } = "ReservationReady";

    public required string Protocol { get; init; }

    public string Culture { get; init; } = "da-DK";

    public short Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }

    public int AttemptCount { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public short? FailureKind { get; init; }

    public string? FailureReason { get; init; }

    public bool IsHeld { get; init; }

    public bool IsAnonymized { get; init; }

    public bool IsDismissed { get; init; }

    public bool IsHandledManually { get; init; }

    public string? ProviderMessageId { get; init; }

    public string? IdempotencyKey { get; init; }

    public short? RecipientKind { get; init; }

    public string? Recipient { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    public string? HtmlBody { get; init; }

    public string? TemplateData { get; init; }

    public required string History { get; init; }

    public long Version { get; init; } = 1;

    /// <summary>The two Pending rows one notification creates: an SMS and an e-mail, rendered from the same text as <see cref="PipelineScenario"/>'s templates.</summary>
    public static RawMessage[] ForNotification(string borrowerId, int i, DateTimeOffset now)
    {
        var title = Title(i);
        return
        [
            PendingSms(borrowerId, SmsText(title), Data(title), now),
            PendingSms(borrowerId, EmailText(title), Data(title), now) with
            {
                Protocol = "Email", RecipientKind = Email, Recipient = "hans@example.dk", Subject = "Din reservering er klar: " + title,
            },
        ];
    }

    /// <summary>The one Pending SMS a DueDateReminder notification with idempotency key <paramref name="idempotencyKey"/> creates (<see cref="PipelineScenario.ReminderSms"/>).</summary>
    public static RawMessage ForReminder(string borrowerId, int i, string idempotencyKey, DateTimeOffset now)
    {
        var title = Title(i);
        return PendingSms(borrowerId, ReminderText(title), Data(title), now) with { Type = "DueDateReminder", IdempotencyKey = idempotencyKey };
    }

    public static string SmsText(string title) => "Eksempelby Bibliotek: Din reservering \"" + title + "\" er klar. Hent den senest 5. december.";

    public static string ReminderText(string title) => "Eksempelby Bibliotek: Husk at aflevere \"" + title + "\" senest 5. december.";

    public static string EmailText(string title) => "Kære Hans Hansen\n\nDin reservering \"" + title + "\" er klar til afhentning hos Eksempelby Bibliotek. Hent den senest 5. december.\n\nVenlig hilsen\nEksempelby Bibliotek";

    /// <summary>One entry of the compact history JSON (<c>{"e":…,"f":…,"t":…,"at":ticks,"by":"system"}</c>).</summary>
    public static string HistoryEntry(int messageEvent, short from, short to, DateTimeOffset at)
        => string.Create(CultureInfo.InvariantCulture, $"{{\"e\":{messageEvent},\"f\":{from},\"t\":{to},\"at\":{at.UtcTicks},\"by\":\"system\"}}");

    private static string Title(int i) => "Kongens Fald #" + i.ToString(CultureInfo.InvariantCulture);

    private static string Data(string title) => "{\"title\":\"" + title + "\",\"pickup_by\":\"5. december\",\"borrower_name\":\"Hans Hansen\"}";

    private static RawMessage PendingSms(string borrowerId, string body, string data, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), BorrowerId = borrowerId, Protocol = "Sms", CreatedAt = now, ChangedAt = now, NextAttemptAt = now,
        RecipientKind = Phone, Recipient = "+4520123456", Body = body, TemplateData = data, History = "[" + HistoryEntry(0, Pending, Pending, now) + "]",
    };

    /// <summary>The row after a successful send: Sent, one attempt, a Delivered entry appended to the history.</summary>
    public RawMessage Delivered(DateTimeOffset now) => this with
    {
        Status = Sent,
        ChangedAt = now,
        AttemptCount = AttemptCount + 1,
        NextAttemptAt = null,
        History = History[..^1] + "," + HistoryEntry(1, Status, Sent, now) + "]",
    };
}
