using System.Data.Common;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sqlite.Telemetry;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Storage.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>
/// <see cref="IMessageStore"/> in a SQLite file. Every write runs in a BEGIN IMMEDIATE transaction, so writers take the
/// database's single write lock up front and wait for it (busy timeout) instead of failing mid-transaction; readers
/// see consistent snapshots (WAL). Claims are one <c>UPDATE … RETURNING</c> in such a transaction.
/// </summary>
internal sealed class SqliteMessageStore(SqliteDatabase database, ILogger<SqliteMessageStore>? logger = null) : IMessageStore
{
    private const string Columns = "id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, failure_kind, failure_reason, is_held, is_anonymized, is_dismissed, is_handled_manually, provider_message_id, idempotency_key, recipient_kind, recipient, subject, body, html_body, template_data, history, version, notification_id, digest_items, branch";

    // What anonymization reads: everything but the personal content it is about to remove (not worth reading).
    private const string ColumnsWithoutContent = "id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, failure_kind, failure_reason, is_held, is_anonymized, is_dismissed, is_handled_manually, provider_message_id, idempotency_key, NULL, NULL, NULL, NULL, NULL, NULL, history, version";

    private const string InsertSql = """
        INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, failure_kind, failure_reason, is_held, is_anonymized, is_dismissed, is_handled_manually, provider_message_id, idempotency_key, recipient_kind, recipient, subject, body, html_body, template_data, history, version, notification_id, digest_items, branch)
        VALUES ($id, $borrower_id, $type, $protocol, $culture, $status, $created_at, $changed_at, $attempt_count, $next_attempt_at, $failure_kind, $failure_reason, $is_held, $is_anonymized, $is_dismissed, $is_handled_manually, $provider_message_id, $idempotency_key, $recipient_kind, $recipient, $subject, $body, $html_body, $template_data, $history, $version, $notification_id, $digest_items, $branch);
        """;

    private const string UpdateSql = """
        UPDATE messages SET type = $type, protocol = $protocol, culture = $culture, status = $status, changed_at = $changed_at,
            attempt_count = $attempt_count, next_attempt_at = $next_attempt_at, failure_kind = $failure_kind, failure_reason = $failure_reason,
            is_held = $is_held, is_anonymized = $is_anonymized, is_dismissed = $is_dismissed, is_handled_manually = $is_handled_manually,
            provider_message_id = $provider_message_id, idempotency_key = $idempotency_key, recipient_kind = $recipient_kind, recipient = $recipient,
            subject = $subject, body = $body, html_body = $html_body, template_data = $template_data, history = $history, notification_id = coalesce(notification_id, $notification_id),
            digest_items = coalesce($digest_items, digest_items), branch = coalesce($branch, branch),
            version = $version + 1, lease_owner = NULL, lease_until = NULL, send_started = 0
        WHERE id = $id AND version = $version;
        """;

    // Cancellation's update: the same, unless a send has begun under a lease (the message may have reached the provider).
    private static readonly string UpdateUnlessSendingSql = UpdateSql.Replace("WHERE id = $id AND version = $version;", "WHERE id = $id AND version = $version AND send_started = 0;", StringComparison.Ordinal);

    private static readonly string[] ParameterNames =
    [
        "$id", "$borrower_id", "$type", "$protocol", "$culture", "$status", "$created_at", "$changed_at", "$attempt_count", "$next_attempt_at",
        "$failure_kind", "$failure_reason", "$is_held", "$is_anonymized", "$is_dismissed", "$is_handled_manually", "$provider_message_id",
        "$idempotency_key", "$recipient_kind", "$recipient", "$subject", "$body", "$html_body", "$template_data", "$history", "$version", "$notification_id",
        "$digest_items", "$branch",
    ];

    private const string AnonymizeSql = """
        UPDATE messages SET recipient_kind = $recipient_kind, recipient = $recipient, subject = $subject, body = $body,
            html_body = $html_body, template_data = $template_data, failure_reason = $failure_reason, is_held = $is_held,
            is_anonymized = $is_anonymized, changed_at = $changed_at, history = $history, version = version + 1
        WHERE id = $id AND version = $version;
        """;

    // AnonymizeSql with the values Message.Anonymize always decides as constants (see IsCleared).
    private const string AnonymizeClearedSql = """
        UPDATE messages SET recipient_kind = NULL, recipient = NULL, subject = NULL, body = NULL, html_body = NULL, template_data = NULL,
            failure_reason = NULL, is_held = 0, is_anonymized = 1, changed_at = $changed_at, history = $history, version = version + 1
        WHERE id = $id AND version = $version;
        """;

    private static readonly string[] AnonymizeClearedParameters = ["$changed_at", "$history", "$id", "$version"];

    private static readonly string[] AnonymizeParameters =
        ["$recipient_kind", "$recipient", "$subject", "$body", "$html_body", "$template_data", "$failure_reason", "$is_held", "$is_anonymized", "$changed_at", "$history", "$id", "$version"];

    private static readonly string[] BeginSendParameters = ["$id", "$owner", "$now", "$lease_until"];

    private readonly ILogger _logger = logger ?? NullLogger<SqliteMessageStore>.Instance;

    public Task<AddMessagesResult> AddAsync(IReadOnlyList<Message> messages, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return database.WriteAsync((connection, transaction) => Add(connection, transaction, messages, idempotencyKey), cancellationToken);
    }

    /// <summary>All the notifications' messages in one transaction: one commit (one fsync) for the batch.</summary>
    public Task<IReadOnlyList<AddMessagesResult>> AddManyAsync(IReadOnlyList<MessagesToAdd> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return database.WriteAsync<IReadOnlyList<AddMessagesResult>>((connection, transaction) =>
        {
            // One set of prepared statements for the whole batch.
            using var adder = new Adder(connection, transaction);
            var results = new AddMessagesResult[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = adder.Add(batch[i].Messages, batch[i].IdempotencyKey);
            }

            return results;
        }, cancellationToken);
    }

    private static AddMessagesResult Add(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Message> messages, string? idempotencyKey)
    {
        using var adder = new Adder(connection, transaction);
        return adder.Add(messages, idempotencyKey);
    }

    public async Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken = default)
    {
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return Get(connection, null, id.Value);
    }

    public async Task<MessagePage> ListByBorrowerAsync(BorrowerId borrowerId, MessageStatus? status, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        ArgumentNullException.ThrowIfNull(page);
        var after = PageCursor.Parse(page.Continuation);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"""
            SELECT {Columns} FROM messages
            WHERE borrower_id = $borrower_id
              {(status is null ? "" : "AND status = $status")}
              {(after is null ? "" : "AND (created_at, id) < ($after_created_at, $after_id)")}
            ORDER BY created_at DESC, id DESC
            LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$borrower_id", borrowerId.Value);
        command.Parameters.AddWithValue("$status", (int?)status ?? (object)DBNull.Value);
        AddCursor(command, after);
        command.Parameters.AddWithValue("$limit", page.Size + 1);
        return PageCursor.Page(ReadAll(command), page.Size);
    }

    public async Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var after = PageCursor.Parse(page.Continuation);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"""
            SELECT {Columns} FROM messages
            WHERE status = 2 AND is_dismissed = 0
              {(filter.Type is null ? "" : "AND type = $type COLLATE NOCASE")}
              {(filter.Protocol is null ? "" : "AND protocol = $protocol COLLATE NOCASE")}
              {(filter.Branch is null ? "" : "AND branch = $branch COLLATE NOCASE")}
              {(filter.FailureKind is null ? "" : "AND failure_kind = $failure_kind")}
              {(filter.CreatedAtOrBefore is null ? "" : "AND created_at <= $created_to")}
              {(filter.CreatedAtOrAfter is null ? "" : "AND created_at >= $created_from")}
              {(after is null ? "" : "AND (created_at, id) > ($after_created_at, $after_id)")}
            ORDER BY created_at, id
            LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$type", (object?)filter.Type?.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$protocol", (object?)filter.Protocol?.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$branch", (object?)filter.Branch ?? DBNull.Value);
        command.Parameters.AddWithValue("$failure_kind", (int?)filter.FailureKind ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("$created_to", filter.CreatedAtOrBefore?.UtcTicks ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("$created_from", filter.CreatedAtOrAfter?.UtcTicks ?? (object)DBNull.Value);
        AddCursor(command, after);
        command.Parameters.AddWithValue("$limit", page.Size + 1);
        return PageCursor.Page(ReadAll(command), page.Size);
    }

    public async Task<long> CountQueueAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT count(*) FROM messages WHERE status = 2 AND is_dismissed = 0;");
        return (long)command.ExecuteScalar()!;
    }

    public async Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, IReadOnlyCollection<Protocol> excludedProtocols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(excludedProtocols);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT min(next_attempt_at) FROM messages
            WHERE status = 0 AND is_held = 0 AND next_attempt_at <= $now AND protocol COLLATE NOCASE NOT IN (SELECT value FROM json_each($excluded));
            """);
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        command.Parameters.AddWithValue("$excluded", ProtocolList(excludedProtocols));
        return command.ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    public async Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, IReadOnlyCollection<Protocol> pausedProtocols, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentNullException.ThrowIfNull(pausedProtocols);
        var paused = ProtocolList(pausedProtocols);
        var claimed = await database.WriteAsync((connection, transaction) => Claim(connection, transaction, owner, now, leaseUntil, maxCount, paused), cancellationToken).ConfigureAwait(false);
        var reclaimed = claimed.Count(c => c.WasInFlight);
        if (reclaimed > 0)
        {
            SqliteLog.LeasesReclaimed(_logger, reclaimed);
        }

        ClaimOrder.Sort(claimed);
        return claimed;
    }

    private static List<ClaimedMessage> Claim(SqliteConnection connection, SqliteTransaction transaction, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, string paused)
    {

        // send_started says an earlier claim began sending the message and no outcome was recorded since: it was in flight.
        using var command = Command(connection, transaction, $"""
            UPDATE messages SET lease_owner = $owner, lease_until = $lease_until
            WHERE id IN (
                SELECT id FROM messages
                WHERE status = 0 AND is_held = 0 AND next_attempt_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                    AND protocol COLLATE NOCASE NOT IN (SELECT value FROM json_each($paused))
                ORDER BY next_attempt_at, id
                LIMIT $limit)
            RETURNING {Columns}, send_started;
            """);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$lease_until", leaseUntil.UtcTicks);
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        command.Parameters.AddWithValue("$limit", maxCount);
        command.Parameters.AddWithValue("$paused", paused);
        var claimed = new List<ClaimedMessage>(Math.Min(maxCount, 256));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                claimed.Add(new ClaimedMessage(Read(reader), WasInFlight: reader.GetInt64(29) != 0));
            }
        }

        return claimed;
    }

    /// <summary>Protocol names as a JSON array, for <c>json_each</c>.</summary>
    private static string ProtocolList(IReadOnlyCollection<Protocol> protocols) => protocols.Count == 0 ? "[]" : JsonSerializer.Serialize(protocols.Select(p => p.Name));

    /// <summary>Names the store and its database file (the full path) for the start-up log.</summary>
    public override string ToString() => $"SQLite store at {Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)}";

    public Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return database.WriteAsync((connection, transaction) => BeginSend(connection, transaction, id, owner, now, leaseUntil), cancellationToken);
    }

    private static bool BeginSend(SqliteConnection connection, SqliteTransaction transaction, MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        var (command, p) = SqliteStatements.Get(connection, transaction, """
            UPDATE messages SET lease_until = $lease_until, send_started = 1
            WHERE id = $id AND lease_owner = $owner AND lease_until > $now AND status = 0;
            """, static c => [.. BeginSendParameters.Select(name => c.Parameters.Add(new SqliteParameter(name, DBNull.Value)))]);
        p[0].Value = id.Value.ToByteArray(bigEndian: true);
        p[1].Value = owner;
        p[2].Value = now.UtcTicks;
        p[3].Value = leaseUntil.UtcTicks;
        return command.ExecuteNonQuery() == 1;
    }

    public Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync((connection, transaction) => Update(connection, transaction, message), cancellationToken);
    }

    public Task<Message?> TryUpdateUnlessSendingAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return database.WriteAsync((connection, transaction) => Update(connection, transaction, message, UpdateUnlessSendingSql), cancellationToken);
    }

    public async Task<IReadOnlyList<Message>> ListByNotificationAsync(MessageId notificationId, CancellationToken cancellationToken = default)
    {
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The first message by its key; the others through the partial index of messages that are not their notification's first.
        using var command = Command(connection, null, $"""
            SELECT {Columns} FROM messages WHERE id = $id AND notification_id = $id
            UNION ALL
            SELECT {Columns} FROM messages WHERE notification_id = $id AND notification_id <> id
            ORDER BY created_at, id;
            """);
        command.Parameters.AddWithValue("$id", notificationId.Value.ToByteArray(bigEndian: true));
        return ReadAll(command);
    }

    public async Task<Message?> TryAddFallbackAsync(IReadOnlyList<Message> replaced, Message fallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(fallback);
        try
        {
            return await database.WriteAsync<Message?>((connection, transaction) =>
            {
                foreach (var message in replaced)
                {
                    // A conflict throws, so the savepoint of this write is rolled back: nothing of the fallback is stored.
                    _ = Update(connection, transaction, message) ?? throw new UpdateConflictException();
                }

                return Add(connection, transaction, [fallback], null).Messages[0];
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (UpdateConflictException)
        {
            return null;
        }
    }

    public async Task<AddMessagesResult?> TryAddToDigestAsync(IReadOnlyList<Message> digest, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        try
        {
            return await database.WriteAsync<AddMessagesResult?>((connection, transaction) =>
            {
                using var adder = new Adder(connection, transaction);
                if (idempotencyKey is not null && adder.FindEarlier(idempotencyKey) is { } earlier)
                {
                    return earlier;
                }

                var stored = new Message[digest.Count];
                for (var i = 0; i < stored.Length; i++)
                {
                    // A conflict throws, so the savepoint of this write is rolled back: nothing of the join is stored.
                    stored[i] = Update(connection, transaction, digest[i], UpdateUnlessSendingSql) ?? throw new UpdateConflictException();
                }

                if (idempotencyKey is not null)
                {
                    adder.Remember(idempotencyKey, stored, stored.Length > 0 && stored[0].IsDigest ? stored[0].DigestItems[^1].AddedAt : default);
                }

                return new AddMessagesResult(stored, IsDuplicate: false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (UpdateConflictException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Message>> ListByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var find = Command(connection, null, "SELECT message_ids FROM idempotency_keys WHERE key = $key;");
        find.Parameters.AddWithValue("$key", idempotencyKey);
        if (find.ExecuteScalar() is not byte[] ids)
        {
            return [];
        }

        var messages = new List<Message>(ids.Length / 16);
        for (var offset = 0; offset < ids.Length; offset += 16)
        {
            if (Get(connection, null, new Guid(ids.AsSpan(offset, 16), bigEndian: true)) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    public async Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"SELECT {Columns} FROM messages WHERE borrower_id = $borrower_id AND status = 0 AND is_held = 1 ORDER BY created_at, id;");
        command.Parameters.AddWithValue("$borrower_id", borrowerId.Value);

        // Addresses compare ignoring case (as the domain does); a borrower has few held messages, so filter here.
        return [.. ReadAll(command).Where(m => email is null || string.Equals(m.Recipient?.Value, email.Value, StringComparison.OrdinalIgnoreCase))];
    }

    public async Task<IReadOnlyList<BorrowerId>> ListBorrowersWithHeldAsync(BorrowerId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT DISTINCT borrower_id FROM messages
            WHERE is_held = 1 AND ($after IS NULL OR borrower_id > $after)
            ORDER BY borrower_id
            LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$after", (object?)after?.Value ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", maxCount);
        var borrowers = new List<BorrowerId>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            borrowers.Add(BorrowerId.Parse(reader.GetString(0)));
        }

        return borrowers;
    }

    public async Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var count = await database.WriteAsync((connection, transaction) => Anonymize(connection, transaction, createdBefore, now, batchSize), cancellationToken).ConfigureAwait(false);
        SqliteLog.MessagesAnonymized(_logger, count);
        return count;
    }

    private static int Anonymize(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset createdBefore, DateTimeOffset now, int batchSize)
    {
        List<Message> batch;
        using (var select = Command(connection, transaction, $"""
            SELECT {ColumnsWithoutContent} FROM messages
            WHERE is_anonymized = 0 AND status <> 0 AND created_at < $created_before
            ORDER BY created_at
            LIMIT $limit;
            """))
        {
            select.Parameters.AddWithValue("$created_before", createdBefore.UtcTicks);
            select.Parameters.AddWithValue("$limit", batchSize);
            batch = new List<Message>(Math.Min(batchSize, 4096));
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                batch.Add(StoredMessageRow.Read(reader, ReadId, ReadTime, content: false));
            }
        }

        // The domain decides what anonymized means (Message.Anonymize); only the columns it changes are written. What it
        // always decides (no recipient, content or failure reason, not held) is written as constants, and only the values
        // that differ per message are bound: binding is most of a statement's cost here. A row the domain decided
        // otherwise is written in full.
        var (cleared, c) = SqliteStatements.Get(connection, transaction, AnonymizeClearedSql, static command => [.. AnonymizeClearedParameters.Select(name => command.Parameters.Add(new SqliteParameter(name, DBNull.Value)))]);
        var count = 0;
        foreach (var message in batch)
        {
            var row = StoredMessageRow.From(message.Anonymize(now));
            if (!IsCleared(row))
            {
                count += AnonymizeInFull(connection, transaction, row, message.Version);
                continue;
            }

            c[0].Value = row.ChangedAt.UtcTicks;
            c[1].Value = row.History;
            c[2].Value = row.Id.ToByteArray(bigEndian: true);
            c[3].Value = message.Version;
            count += cleared.ExecuteNonQuery();
        }

        return count;
    }

    /// <summary>Whether the domain's anonymized row is what <see cref="AnonymizeClearedSql"/> writes as constants.</summary>
    private static bool IsCleared(StoredMessageRow row)
        => row is { RecipientKind: null, Recipient: null, Subject: null, Body: null, HtmlBody: null, TemplateData: null, FailureReason: null, IsHeld: false, IsAnonymized: true };

    private static int AnonymizeInFull(SqliteConnection connection, SqliteTransaction transaction, StoredMessageRow row, long version)
    {
        var (update, p) = SqliteStatements.Get(connection, transaction, AnonymizeSql, static command => [.. AnonymizeParameters.Select(name => command.Parameters.Add(new SqliteParameter(name, DBNull.Value)))]);
        p[0].Value = row.RecipientKind ?? (object)DBNull.Value;
        p[1].Value = (object?)row.Recipient ?? DBNull.Value;
        p[2].Value = (object?)row.Subject ?? DBNull.Value;
        p[3].Value = (object?)row.Body ?? DBNull.Value;
        p[4].Value = (object?)row.HtmlBody ?? DBNull.Value;
        p[5].Value = (object?)row.TemplateData ?? DBNull.Value;
        p[6].Value = (object?)row.FailureReason ?? DBNull.Value;
        p[7].Value = row.IsHeld;
        p[8].Value = row.IsAnonymized;
        p[9].Value = row.ChangedAt.UtcTicks;
        p[10].Value = row.History;
        p[11].Value = row.Id.ToByteArray(bigEndian: true);
        p[12].Value = version;
        return update.ExecuteNonQuery();
    }

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset createdBefore, int batchSize, CancellationToken cancellationToken = default)
        => DeleteOldestAsync("idempotency_keys", "created_at", createdBefore, batchSize, cancellationToken);

    public async Task<IReadOnlyList<Message>> ListWaitingLettersAsync(Protocol protocol, string? branch, DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"""
            SELECT {Columns} FROM messages
            WHERE status = 0 AND is_held = 0 AND next_attempt_at <= $now AND protocol = $protocol COLLATE NOCASE
              {(branch is null ? "" : "AND branch = $branch COLLATE NOCASE")}
            ORDER BY branch, borrower_id, created_at, id
            LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$now", now.UtcTicks);
        command.Parameters.AddWithValue("$protocol", protocol.Name);
        command.Parameters.AddWithValue("$branch", (object?)branch ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", maxCount);
        return ReadAll(command);
    }

    public Task<IReadOnlyList<Message>> CollectLettersAsync(LetterRunRecord run, IReadOnlyList<Message> letters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(letters);
        return database.WriteAsync<IReadOnlyList<Message>>((connection, transaction) =>
        {
            var stored = new List<Message>(letters.Count);
            foreach (var letter in letters)
            {
                if (Update(connection, transaction, letter, UpdateUnlessSendingSql) is { } collected)
                {
                    stored.Add(collected);
                }
            }

            if (stored.Count > 0)
            {
                using var insert = Command(connection, transaction, """
                    INSERT INTO letter_runs (id, protocol, branch, culture, collected_at, message_ids)
                    VALUES ($id, $protocol, $branch, $culture, $collected_at, $message_ids);
                    """);
                insert.Parameters.AddWithValue("$id", run.Id.ToByteArray(bigEndian: true));
                insert.Parameters.AddWithValue("$protocol", run.Protocol.Name);
                insert.Parameters.AddWithValue("$branch", (object?)run.Branch ?? DBNull.Value);
                insert.Parameters.AddWithValue("$culture", run.Culture);
                insert.Parameters.AddWithValue("$collected_at", run.CollectedAt.UtcTicks);
                insert.Parameters.AddWithValue("$message_ids", Adder.Ids(stored));
                insert.ExecuteNonQuery();
            }

            return stored;
        }, cancellationToken);
    }

    public async Task<LetterRunRecord?> GetLetterRunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"SELECT {LetterRunColumns} FROM letter_runs WHERE id = $id;");
        command.Parameters.AddWithValue("$id", runId.ToByteArray(bigEndian: true));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadLetterRun(reader) : null;
    }

    public async Task<IReadOnlyList<LetterRunRecord>> ListLetterRunsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"SELECT {LetterRunColumns} FROM letter_runs ORDER BY collected_at DESC, id DESC LIMIT $limit;");
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var runs = new List<LetterRunRecord>();
        while (reader.Read())
        {
            runs.Add(ReadLetterRun(reader));
        }

        return runs;
    }

    private const string LetterRunColumns = "id, protocol, branch, culture, collected_at, message_ids";

    private static LetterRunRecord ReadLetterRun(SqliteDataReader reader)
    {
        var ids = reader.GetFieldValue<byte[]>(5);
        var messageIds = new MessageId[ids.Length / 16];
        for (var i = 0; i < messageIds.Length; i++)
        {
            messageIds[i] = MessageId.From(new Guid(ids.AsSpan(i * 16, 16), bigEndian: true));
        }

        return new LetterRunRecord(
            new Guid(reader.GetFieldValue<byte[]>(0), bigEndian: true),
            Protocol.Parse(reader.GetString(1)),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetString(3),
            ReadTime(reader, 4),
            messageIds);
    }

    public Task<int> ForgetLetterRunsAsync(DateTimeOffset collectedBefore, int batchSize, CancellationToken cancellationToken = default)
        => DeleteOldestAsync("letter_runs", "collected_at", collectedBefore, batchSize, cancellationToken);

    public async Task<Message?> FindByProviderMessageIdAsync(Protocol protocol, string providerMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(providerMessageId);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"""
            SELECT {Columns} FROM messages INDEXED BY ix_messages_provider
            WHERE provider_message_id = $provider_message_id AND protocol = $protocol COLLATE NOCASE
            ORDER BY changed_at DESC LIMIT 1;
            """);
        command.Parameters.AddWithValue("$provider_message_id", providerMessageId);
        command.Parameters.AddWithValue("$protocol", protocol.Name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public Task KeepUnmatchedReceiptAsync(UnmatchedReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return database.WriteAsync((connection, transaction) =>
        {
            using var insert = Command(connection, transaction, """
                INSERT INTO unmatched_receipts (protocol, provider_message_id, outcome, reported_at, reason, received_at)
                VALUES ($protocol, $provider_message_id, $outcome, $reported_at, $reason, $received_at)
                ON CONFLICT DO NOTHING;
                """);
            BindKey(insert, receipt.Receipt);
            insert.Parameters.AddWithValue("$reported_at", receipt.Receipt.ReportedAt.UtcTicks);
            insert.Parameters.AddWithValue("$reason", (object?)receipt.Receipt.Reason ?? DBNull.Value);
            insert.Parameters.AddWithValue("$received_at", receipt.ReceivedAt.UtcTicks);
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<UnmatchedReceipt>> ListUnmatchedReceiptsAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, """
            SELECT protocol, provider_message_id, outcome, reported_at, reason, received_at FROM unmatched_receipts
            ORDER BY received_at LIMIT $limit;
            """);
        command.Parameters.AddWithValue("$limit", maxCount);
        using var reader = command.ExecuteReader();
        var receipts = new List<UnmatchedReceipt>();
        while (reader.Read())
        {
            var receipt = new DeliveryReceipt(
                Protocol.Parse(reader.GetString(0)),
                reader.GetString(1),
                (DeliveryReceiptOutcome)reader.GetInt32(2),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            receipts.Add(new UnmatchedReceipt(receipt, new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero)));
        }

        return receipts;
    }

    public Task RemoveUnmatchedReceiptAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return database.WriteAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, """
                DELETE FROM unmatched_receipts WHERE protocol = $protocol AND provider_message_id = $provider_message_id AND outcome = $outcome;
                """);
            BindKey(delete, receipt);
            return delete.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<int> ForgetUnmatchedReceiptsAsync(DateTimeOffset receivedBefore, int batchSize, CancellationToken cancellationToken = default)
        => DeleteOldestAsync("unmatched_receipts", "received_at", receivedBefore, batchSize, cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> rows of a table the nightly jobs keep bounded, oldest first.</summary>
    private Task<int> DeleteOldestAsync(string table, string timeColumn, DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return database.WriteAsync((connection, transaction) =>
        {
            using var delete = Command(connection, transaction, $"""
                DELETE FROM {table}
                WHERE rowid IN (SELECT rowid FROM {table} WHERE {timeColumn} < $before ORDER BY {timeColumn} LIMIT $limit);
                """);
            delete.Parameters.AddWithValue("$before", before.UtcTicks);
            delete.Parameters.AddWithValue("$limit", batchSize);
            return delete.ExecuteNonQuery();
        }, cancellationToken);
    }

    private static void BindKey(SqliteCommand command, DeliveryReceipt receipt)
    {
        command.Parameters.AddWithValue("$protocol", receipt.Protocol.Name);
        command.Parameters.AddWithValue("$provider_message_id", receipt.ProviderMessageId);
        command.Parameters.AddWithValue("$outcome", (int)receipt.Outcome);
    }

    private static Message? Update(SqliteConnection connection, SqliteTransaction transaction, Message message, string sql = UpdateSql)
    {
        var (update, parameters) = SqliteStatements.Get(connection, transaction, sql, CreateParameters);
        Bind(parameters, StoredMessageRow.From(message), message.Version);
        return update.ExecuteNonQuery() == 1 ? message.WithVersion(message.Version + 1) : null;
    }

    private static Message? Get(SqliteConnection connection, SqliteTransaction? transaction, Guid id)
    {
        using var command = Command(connection, transaction, $"SELECT {Columns} FROM messages WHERE id = $id;");
        command.Parameters.AddWithValue("$id", id.ToByteArray(bigEndian: true));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void AddCursor(SqliteCommand command, (DateTimeOffset CreatedAt, Guid Id)? after)
    {
        command.Parameters.AddWithValue("$after_created_at", after?.CreatedAt.UtcTicks ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("$after_id", after?.Id.ToByteArray(bigEndian: true) ?? (object)DBNull.Value);
    }

    private static SqliteParameter[] CreateParameters(SqliteCommand command)
    {
        var parameters = new SqliteParameter[ParameterNames.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter(ParameterNames[i], DBNull.Value));
        }

        return parameters;
    }

    private static void Bind(SqliteParameter[] p, StoredMessageRow row, long version)
    {
        p[0].Value = row.Id.ToByteArray(bigEndian: true);
        p[1].Value = row.BorrowerId;
        p[2].Value = row.Type;
        p[3].Value = row.Protocol;
        p[4].Value = row.Culture;
        p[5].Value = row.Status;
        p[6].Value = row.CreatedAt.UtcTicks;
        p[7].Value = row.ChangedAt.UtcTicks;
        p[8].Value = row.AttemptCount;
        p[9].Value = row.NextAttemptAt?.UtcTicks ?? (object)DBNull.Value;
        p[10].Value = row.FailureKind ?? (object)DBNull.Value;
        p[11].Value = (object?)row.FailureReason ?? DBNull.Value;
        p[12].Value = row.IsHeld;
        p[13].Value = row.IsAnonymized;
        p[14].Value = row.IsDismissed;
        p[15].Value = row.IsHandledManually;
        p[16].Value = (object?)row.ProviderMessageId ?? DBNull.Value;
        p[17].Value = (object?)row.IdempotencyKey ?? DBNull.Value;
        p[18].Value = row.RecipientKind ?? (object)DBNull.Value;
        p[19].Value = (object?)row.Recipient ?? DBNull.Value;
        p[20].Value = (object?)row.Subject ?? DBNull.Value;
        p[21].Value = (object?)row.Body ?? DBNull.Value;
        p[22].Value = (object?)row.HtmlBody ?? DBNull.Value;
        p[23].Value = (object?)row.TemplateData ?? DBNull.Value;
        p[24].Value = row.History;
        p[25].Value = version;
        p[26].Value = row.NotificationId?.ToByteArray(bigEndian: true) ?? (object)DBNull.Value;
        p[27].Value = (object?)row.DigestItems ?? DBNull.Value;
        p[28].Value = (object?)row.Branch ?? DBNull.Value;
    }

    private static List<Message> ReadAll(SqliteCommand command)
    {
        var messages = new List<Message>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            messages.Add(Read(reader));
        }

        return messages;
    }

    private static Message Read(SqliteDataReader r) => StoredMessageRow.Read(r, ReadId, ReadTime);

    private static Guid ReadId(DbDataReader r, int ordinal) => new(r.GetFieldValue<byte[]>(ordinal), bigEndian: true);

    private static DateTimeOffset ReadTime(DbDataReader r, int ordinal) => new(r.GetInt64(ordinal), TimeSpan.Zero);

    /// <summary>A message changed (or began sending) before the write that changes it with others was stored: the write is rolled back.</summary>
    private sealed class UpdateConflictException : Exception;

    /// <summary>Adds notifications' messages in one transaction, with its statements prepared once for all of them.</summary>
    private sealed class Adder : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _find;
        private readonly SqliteCommand _remember;
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter[] _row;

        public Adder(SqliteConnection connection, SqliteTransaction transaction)
        {
            (_connection, _transaction) = (connection, transaction);
            _find = Command(connection, transaction, "SELECT message_ids FROM idempotency_keys WHERE key = $key;");
            _find.Parameters.Add(new SqliteParameter("$key", DBNull.Value));
            _remember = Command(connection, transaction, "INSERT INTO idempotency_keys (key, message_ids, created_at) VALUES ($key, $ids, $created_at);");
            _remember.Parameters.Add(new SqliteParameter("$key", DBNull.Value));
            _remember.Parameters.Add(new SqliteParameter("$ids", DBNull.Value));
            _remember.Parameters.Add(new SqliteParameter("$created_at", DBNull.Value));
            _insert = Command(connection, transaction, InsertSql);
            _row = CreateParameters(_insert);
        }

        public AddMessagesResult Add(IReadOnlyList<Message> messages, string? idempotencyKey)
        {
            if (idempotencyKey is not null)
            {
                if (FindEarlier(idempotencyKey) is { } earlier)
                {
                    return earlier;
                }

                Remember(idempotencyKey, messages, messages.Count > 0 ? messages[0].CreatedAt : default);
            }

            var stored = new Message[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                stored[i] = messages[i].WithVersion(1);
                Bind(_row, StoredMessageRow.From(stored[i]), stored[i].Version);
                try
                {
                    _insert.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == 1555) // SQLITE_CONSTRAINT_PRIMARYKEY
                {
                    throw new InvalidOperationException($"Message {stored[i].Id} is already stored; nothing of this batch was added.", ex);
                }
            }

            return new AddMessagesResult(stored, IsDuplicate: false);
        }

        /// <summary>The messages stored under the key, as a duplicate; <see langword="null"/> when the key is new.</summary>
        public AddMessagesResult? FindEarlier(string idempotencyKey)
        {
            _find.Parameters[0].Value = idempotencyKey;
            if (_find.ExecuteScalar() is not byte[] earlierIds)
            {
                return null;
            }

            var earlier = new List<Message>(earlierIds.Length / 16);
            for (var offset = 0; offset < earlierIds.Length; offset += 16)
            {
                var id = new Guid(earlierIds.AsSpan(offset, 16), bigEndian: true);
                earlier.Add(Get(_connection, _transaction, id) ?? throw new InvalidOperationException($"Message {id} of an earlier notification is missing from the store."));
            }

            return new AddMessagesResult(earlier, IsDuplicate: true);
        }

        /// <summary>Message ids as one blob of 16-byte big-endian GUIDs, as the idempotency keys and letter runs keep them.</summary>
        public static byte[] Ids(IReadOnlyList<Message> messages)
        {
            var ids = new byte[messages.Count * 16];
            for (var i = 0; i < messages.Count; i++)
            {
                messages[i].Id.Value.TryWriteBytes(ids.AsSpan(i * 16, 16), bigEndian: true, out _);
            }

            return ids;
        }

        /// <summary>Remembers a new key for the messages; <paramref name="at"/> starts its retention.</summary>
        public void Remember(string idempotencyKey, IReadOnlyList<Message> messages, DateTimeOffset at)
        {
            _remember.Parameters[0].Value = idempotencyKey;
            _remember.Parameters[1].Value = Ids(messages);
            _remember.Parameters[2].Value = at.UtcTicks;
            _remember.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _find.Dispose();
            _remember.Dispose();
            _insert.Dispose();
        }
    }
}
