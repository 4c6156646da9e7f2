using Cicero.Notifications.Domain;
using Cicero.Notifications.PostgreSql.Telemetry;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Cicero.Notifications.PostgreSql.Storage;

/// <summary>
/// <see cref="IMessageStore"/> in PostgreSQL, for many hosts sharing one queue. Claims lock due rows with
/// <c>FOR UPDATE SKIP LOCKED</c> in a CTE and lease them in the same <c>UPDATE … RETURNING</c>; updates are conditional
/// on the <c>version</c> column. Timestamps are <c>timestamptz</c> (microseconds): messages are returned as stored.
/// </summary>
internal sealed class PostgreSqlMessageStore(PostgreSqlDatabase database, ILogger<PostgreSqlMessageStore>? logger = null) : IMessageStore
{
    private const string Columns = "id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, failure_kind, failure_reason, is_held, is_anonymized, is_dismissed, is_handled_manually, provider_message_id, idempotency_key, recipient_kind, recipient, subject, body, html_body, template_data, history, version, notification_id, digest_items, branch";

    private const string InsertSql = """
        INSERT INTO messages (id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, failure_kind, failure_reason, is_held, is_anonymized, is_dismissed, is_handled_manually, provider_message_id, idempotency_key, recipient_kind, recipient, subject, body, html_body, template_data, history, version, notification_id, digest_items, branch)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)
        """;

    // Cancellation's update: the same, unless a send has begun under a lease (the message may have reached the provider).
    private const string UpdateUnlessSendingSql = UpdateSql + " AND NOT send_started";

    private const string UpdateSql = """
        UPDATE messages SET borrower_id = $2, type = $3, protocol = $4, culture = $5, status = $6, created_at = $7, changed_at = $8,
            attempt_count = $9, next_attempt_at = $10, failure_kind = $11, failure_reason = $12, is_held = $13, is_anonymized = $14,
            is_dismissed = $15, is_handled_manually = $16, provider_message_id = $17, idempotency_key = $18, recipient_kind = $19,
            recipient = $20, subject = $21, body = $22, html_body = $23, template_data = $24, history = $25, notification_id = coalesce(notification_id, $27),
            digest_items = coalesce($28, digest_items), branch = coalesce($29, branch),
            version = $26 + 1, lease_owner = NULL, lease_until = NULL, send_started = false
        WHERE id = $1 AND version = $26
        """;

    private readonly ILogger _logger = logger ?? NullLogger<PostgreSqlMessageStore>.Instance;
    private readonly PostgreSqlStatementQueue _statements = new(database);

    /// <summary>Gets the group commit of single-statement writes (for tests).</summary>
    internal PostgreSqlStatementQueue Statements => _statements;

    /// <summary>One notification's messages: the bulk path with one entry (its key, its messages, one transaction).</summary>
    public async Task<AddMessagesResult> AddAsync(IReadOnlyList<Message> messages, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return (await AddManyAsync([new MessagesToAdd(messages, idempotencyKey)], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// All the notifications' messages in one transaction and three round trips: every idempotency key in one batch
    /// (a key stored before, or by a concurrent add, inserts no row: its notification is a duplicate), every new message
    /// in another, then the commit.
    /// </summary>
    public async Task<IReadOnlyList<AddMessagesResult>> AddManyAsync(IReadOnlyList<MessagesToAdd> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = new AddMessagesResult?[batch.Count];
        var stored = new Message[batch.Count][];
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batch.Count; i++)
        {
            stored[i] = [.. batch[i].Messages.Select(m => Normalize(m).WithVersion(1))];
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using (var keys = new NpgsqlBatch(connection, transaction))
                {
                    var keyed = new List<int>();
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (batch[i].IdempotencyKey is { } key && firstWithKey.TryAdd(key, i))
                        {
                            keyed.Add(i);
                        }
                    }

                    // In key order: two bulk adds sharing keys wait for each other in the same order, never deadlock.
                    keyed.Sort((a, b) => string.CompareOrdinal(batch[a].IdempotencyKey, batch[b].IdempotencyKey));
                    foreach (var i in keyed)
                    {
                        var key = batch[i].IdempotencyKey!;
                        var remember = new NpgsqlBatchCommand("INSERT INTO idempotency_keys (key, message_ids, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING");
                        remember.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
                        remember.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. stored[i].Select(m => m.Id.Value)] });
                        remember.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = stored[i].Length > 0 ? stored[i][0].CreatedAt : DateTimeOffset.UnixEpoch });
                        keys.BatchCommands.Add(remember);
                    }

                    if (keyed.Count > 0)
                    {
                        await keys.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        for (var k = 0; k < keyed.Count; k++)
                        {
                            if (keys.BatchCommands[k].RecordsAffected == 0)
                            {
                                var earlier = await GetEarlierAsync(connection, transaction, batch[keyed[k]].IdempotencyKey!, cancellationToken).ConfigureAwait(false);
                                results[keyed[k]] = new AddMessagesResult(earlier, IsDuplicate: true);
                            }
                        }
                    }
                }

                using (var inserts = new NpgsqlBatch(connection, transaction))
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        if (results[i] is not null || (batch[i].IdempotencyKey is { } key && firstWithKey[key] != i))
                        {
                            continue;
                        }

                        foreach (var message in stored[i])
                        {
                            var command = new NpgsqlBatchCommand(InsertSql);
                            AddParameters(command.Parameters, StoredMessageRow.From(message), message.Version);
                            inserts.BatchCommands.Add(command);
                        }

                        results[i] = new AddMessagesResult(stored[i], IsDuplicate: false);
                    }

                    if (inserts.BatchCommands.Count > 0)
                    {
                        try
                        {
                            await inserts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        }
                        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && string.Equals(ex.ConstraintName, "messages_pkey", StringComparison.Ordinal))
                        {
                            throw new InvalidOperationException("A message of this batch is already stored; nothing of the batch was added.", ex);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // A key repeated within the call: the later entries are duplicates of the first.
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] ??= results[firstWithKey[batch[i].IdempotencyKey!]]! with { IsDuplicate = true };
        }

        return results!;
    }

    public async Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT {Columns} FROM messages WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Value });
            var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            return found.Count == 0 ? null : found[0];
        }
    }

    public async Task<MessagePage> ListByBorrowerAsync(BorrowerId borrowerId, MessageStatus? status, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        ArgumentNullException.ThrowIfNull(page);
        var after = PageCursor.Parse(page.Continuation);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"""
                SELECT {Columns} FROM messages
                WHERE borrower_id = @borrower_id
                  {(status is null ? "" : "AND status = @status")}
                  {(after is null ? "" : "AND (created_at, id) < (@after_created_at, @after_id)")}
                ORDER BY created_at DESC, id DESC
                LIMIT @limit
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string>("borrower_id", borrowerId.Value));
            if (status is { } s)
            {
                command.Parameters.Add(new NpgsqlParameter<short>("status", (short)s));
            }

            AddCursor(command, after);
            command.Parameters.Add(new NpgsqlParameter<int>("limit", page.Size + 1));
            return PageCursor.Page(await ReadAllAsync(command, cancellationToken).ConfigureAwait(false), page.Size);
        }
    }

    public async Task<MessagePage> ListQueueAsync(MessageQueueFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var after = PageCursor.Parse(page.Continuation);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"""
                SELECT {Columns} FROM messages
                WHERE status = 2 AND NOT is_dismissed
                  {(filter.Type is null ? "" : "AND lower(type) = lower(@type)")}
                  {(filter.Protocol is null ? "" : "AND lower(protocol) = lower(@protocol)")}
                  {(filter.Branch is null ? "" : "AND lower(branch) = lower(@branch)")}
                  {(filter.FailureKind is null ? "" : "AND failure_kind = @failure_kind")}
                  {(filter.CreatedAtOrBefore is null ? "" : "AND created_at <= @created_to")}
                  {(filter.CreatedAtOrAfter is null ? "" : "AND created_at >= @created_from")}
                  {(after is null ? "" : "AND (created_at, id) > (@after_created_at, @after_id)")}
                ORDER BY created_at, id
                LIMIT @limit
                """, connection);
            if (filter.Type is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string>("type", filter.Type.Name));
            }

            if (filter.Protocol is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string>("protocol", filter.Protocol.Name));
            }

            if (filter.Branch is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string>("branch", filter.Branch));
            }

            if (filter.FailureKind is { } kind)
            {
                command.Parameters.Add(new NpgsqlParameter<short>("failure_kind", (short)kind));
            }

            if (filter.CreatedAtOrBefore is { } to)
            {
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_to", to.ToUniversalTime()));
            }

            if (filter.CreatedAtOrAfter is { } from)
            {
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("created_from", from.ToUniversalTime()));
            }

            AddCursor(command, after);
            command.Parameters.Add(new NpgsqlParameter<int>("limit", page.Size + 1));
            return PageCursor.Page(await ReadAllAsync(command, cancellationToken).ConfigureAwait(false), page.Size);
        }
    }

    public async Task<long> CountQueueAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT count(*) FROM messages WHERE status = 2 AND NOT is_dismissed", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }

    public async Task<DateTimeOffset?> GetOldestDueAsync(DateTimeOffset now, IReadOnlyCollection<Protocol> excludedProtocols, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(excludedProtocols);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("SELECT min(next_attempt_at) FROM messages WHERE status = 0 AND NOT is_held AND next_attempt_at <= $1 AND lower(protocol) <> ALL($2)", connection);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. excludedProtocols.Select(p => p.Name.ToLowerInvariant())] });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is DateTime utc
                ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))
                : null;
        }
    }

    public async Task<IReadOnlyList<ClaimedMessage>> ClaimDueAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int maxCount, IReadOnlyCollection<Protocol> pausedProtocols, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ArgumentNullException.ThrowIfNull(pausedProtocols);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Rows another claimer holds are skipped, not waited for; rows whose lease expired count as due again, and are
            // reported as in flight when an earlier claim began sending them (send_started) and no outcome was recorded.
            using var command = new NpgsqlCommand($"""
                WITH due AS (
                    SELECT id FROM messages
                    WHERE status = 0 AND NOT is_held AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                        AND lower(protocol) <> ALL(@paused)
                    ORDER BY next_attempt_at, id
                    LIMIT @limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE messages AS m SET lease_owner = @owner, lease_until = @lease_until
                FROM due
                WHERE m.id = due.id
                RETURNING {string.Join(", ", Columns.Split(", ").Select(c => "m." + c))}, m.send_started
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("lease_until", leaseUntil.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<string>("owner", owner));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", maxCount));
            command.Parameters.Add(new NpgsqlParameter<string[]>("paused", [.. pausedProtocols.Select(p => p.Name.ToLowerInvariant())]));
            var claimed = new List<ClaimedMessage>(Math.Min(maxCount, 256));
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed.Add(new ClaimedMessage(Read(reader), WasInFlight: reader.GetBoolean(29)));
                }
            }

            var reclaimed = claimed.Count(c => c.WasInFlight);
            if (reclaimed > 0)
            {
                PostgreSqlLog.LeasesReclaimed(_logger, reclaimed);
            }

            ClaimOrder.Sort(claimed);
            return claimed;
        }
    }

    /// <summary>Names the store, its server and database (never a password) for the start-up log.</summary>
    public override string ToString()
    {
        var settings = new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString);
        return $"PostgreSQL store on {settings.Host}:{settings.Port}, database {settings.Database ?? settings.Username}, schema {settings.SearchPath ?? "(first on the search path)"}";
    }

    public async Task<bool> TryBeginSendAsync(MessageId id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        var command = new NpgsqlBatchCommand("UPDATE messages SET lease_until = $1, send_started = true WHERE id = $2 AND lease_owner = $3 AND lease_until > $4 AND status = 0");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id.Value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await _statements.ExecuteAsync(command, cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var normalized = Normalize(message);
        var update = new NpgsqlBatchCommand(UpdateSql);
        AddParameters(update.Parameters, StoredMessageRow.From(normalized), normalized.Version);
        return await _statements.ExecuteAsync(update, cancellationToken).ConfigureAwait(false) == 1 ? normalized.WithVersion(normalized.Version + 1) : null;
    }

    public async Task<Message?> TryUpdateUnlessSendingAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var normalized = Normalize(message);
        var update = new NpgsqlBatchCommand(UpdateUnlessSendingSql);
        AddParameters(update.Parameters, StoredMessageRow.From(normalized), normalized.Version);
        return await _statements.ExecuteAsync(update, cancellationToken).ConfigureAwait(false) == 1 ? normalized.WithVersion(normalized.Version + 1) : null;
    }

    public async Task<IReadOnlyList<Message>> ListByNotificationAsync(MessageId notificationId, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The first message by its key; the others through the partial index of messages that are not their notification's first.
            using var command = new NpgsqlCommand($"""
                SELECT {Columns} FROM messages WHERE id = $1 AND notification_id = $1
                UNION ALL
                SELECT {Columns} FROM messages WHERE notification_id = $1 AND notification_id <> id
                ORDER BY created_at, id
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = notificationId.Value });
            return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<Message?> TryAddFallbackAsync(IReadOnlyList<Message> replaced, Message fallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(fallback);
        var stored = Normalize(fallback).WithVersion(1);
        var commands = replaced.Select(message => UpdateCommand(UpdateSql, Normalize(message))).ToList();
        var insert = new NpgsqlBatchCommand(InsertSql);
        AddParameters(insert.Parameters, StoredMessageRow.From(stored), stored.Version);
        commands.Add(insert);
        return await TryCommitAsync(commands, versionChecked: replaced.Count, cancellationToken).ConfigureAwait(false) ? stored : null;
    }

    public async Task<AddMessagesResult?> TryAddToDigestAsync(IReadOnlyList<Message> digest, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var normalized = digest.Select(Normalize).ToArray();

        // The key first (a concurrent join with the same key waits on it); it counts as changing a row only when it is new.
        var commands = new List<NpgsqlBatchCommand>(normalized.Length + 1);
        if (idempotencyKey is not null)
        {
            var remember = new NpgsqlBatchCommand("INSERT INTO idempotency_keys (key, message_ids, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING");
            remember.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
            remember.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. normalized.Select(m => m.Id.Value)] });
            remember.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = normalized.Length > 0 && normalized[0].IsDigest ? normalized[0].DigestItems[^1].AddedAt : DateTimeOffset.UnixEpoch });
            commands.Add(remember);
        }

        commands.AddRange(normalized.Select(message => UpdateCommand(UpdateUnlessSendingSql, message)));
        if (await TryCommitAsync(commands, versionChecked: commands.Count, cancellationToken).ConfigureAwait(false))
        {
            return new AddMessagesResult([.. normalized.Select(m => m.WithVersion(m.Version + 1))], IsDuplicate: false);
        }

        return idempotencyKey is not null && commands[0].RecordsAffected == 0
            ? new AddMessagesResult(await ListByIdempotencyKeyAsync(idempotencyKey, cancellationToken).ConfigureAwait(false), IsDuplicate: true)
            : null;
    }

    private static NpgsqlBatchCommand UpdateCommand(string sql, Message message)
    {
        var update = new NpgsqlBatchCommand(sql);
        AddParameters(update.Parameters, StoredMessageRow.From(message), message.Version);
        return update;
    }

    /// <summary>
    /// Runs the commands as one batch (one round trip) in one transaction, and commits only when each of the first
    /// <paramref name="versionChecked"/> changed exactly one row; otherwise rolls everything back.
    /// </summary>
    private async Task<bool> TryCommitAsync(IReadOnlyList<NpgsqlBatchCommand> commands, int versionChecked, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var command in commands)
                {
                    batch.BatchCommands.Add(command);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (commands.Take(versionChecked).Any(c => c.RecordsAffected != 1))
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
    }

    public async Task<IReadOnlyList<Message>> ListByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var load = new NpgsqlCommand($"""
                SELECT {Columns} FROM messages
                JOIN (SELECT u.id, u.ordinal FROM idempotency_keys, unnest(message_ids) WITH ORDINALITY AS u (id, ordinal) WHERE key = $1) ids USING (id)
                ORDER BY ids.ordinal
                """, connection);
            load.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
            return await ReadAllAsync(load, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Message>> ListHeldAsync(BorrowerId borrowerId, EmailAddress? email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(borrowerId);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT {Columns} FROM messages WHERE borrower_id = $1 AND status = 0 AND is_held ORDER BY created_at, id", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = borrowerId.Value });

            // Addresses compare ignoring case as the domain does (also for non-ASCII, whatever the database's locale).
            var held = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            return [.. held.Where(m => email is null || string.Equals(m.Recipient?.Value, email.Value, StringComparison.OrdinalIgnoreCase))];
        }
    }

    public async Task<IReadOnlyList<BorrowerId>> ListBorrowersWithHeldAsync(BorrowerId? after, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Byte order ("C"), whatever the database's locale: the order pages are cut in must not depend on it.
            using var command = new NpgsqlCommand("""
                SELECT DISTINCT borrower_id COLLATE "C" AS borrower_id FROM messages
                WHERE is_held AND ($1::text IS NULL OR borrower_id COLLATE "C" > $1::text COLLATE "C")
                ORDER BY 1
                LIMIT $2
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = after?.Value });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            var borrowers = new List<BorrowerId>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    borrowers.Add(BorrowerId.Parse(reader.GetString(0)));
                }
            }

            return borrowers;
        }
    }

    public Task<int> ForgetIdempotencyKeysAsync(DateTimeOffset createdBefore, int batchSize, CancellationToken cancellationToken = default)
        => DeleteOldestAsync("idempotency_keys", "created_at", createdBefore, batchSize, cancellationToken);

    public async Task<IReadOnlyList<Message>> ListWaitingLettersAsync(Protocol protocol, string? branch, DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"""
                SELECT {Columns} FROM messages
                WHERE status = 0 AND NOT is_held AND next_attempt_at <= @now AND lower(protocol) = lower(@protocol)
                  {(branch is null ? "" : "AND lower(branch) = lower(@branch)")}
                ORDER BY branch COLLATE "C" NULLS FIRST, borrower_id COLLATE "C", created_at, id
                LIMIT @limit
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now.ToUniversalTime()));
            command.Parameters.Add(new NpgsqlParameter<string>("protocol", protocol.Name));
            command.Parameters.Add(new NpgsqlParameter<int>("limit", maxCount));
            if (branch is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string>("branch", branch));
            }

            return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<Message>> CollectLettersAsync(LetterRunRecord run, IReadOnlyList<Message> letters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(letters);
        var normalized = letters.Select(Normalize).ToArray();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Every letter's version-checked update in one round trip; a letter another run took first changes no row.
                // Runs list letters in the same order, so two runs lock them in the same order and never deadlock.
                var stored = new List<Message>(normalized.Length);
                if (normalized.Length > 0)
                {
                    using var batch = new NpgsqlBatch(connection, transaction);
                    foreach (var letter in normalized)
                    {
                        batch.BatchCommands.Add(UpdateCommand(UpdateUnlessSendingSql, letter));
                    }

                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    stored.AddRange(normalized.Where((_, i) => batch.BatchCommands[i].RecordsAffected == 1).Select(m => m.WithVersion(m.Version + 1)));
                }

                if (stored.Count > 0)
                {
                    using var insert = new NpgsqlCommand("""
                        INSERT INTO letter_runs (id, protocol, branch, culture, collected_at, message_ids) VALUES ($1, $2, $3, $4, $5, $6)
                        """, connection, transaction);
                    insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = run.Id });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Protocol.Name });
                    insert.Parameters.Add(NullableParameter(NpgsqlDbType.Text, run.Branch));
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = run.Culture });
                    insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = run.CollectedAt.ToUniversalTime() });
                    insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. stored.Select(m => m.Id.Value)] });
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return stored;
            }
        }
    }

    public async Task<LetterRunRecord?> GetLetterRunAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT {LetterRunColumns} FROM letter_runs WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = runId });
            var runs = await ReadLetterRunsAsync(command, cancellationToken).ConfigureAwait(false);
            return runs.Count == 0 ? null : runs[0];
        }
    }

    public async Task<IReadOnlyList<LetterRunRecord>> ListLetterRunsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"SELECT {LetterRunColumns} FROM letter_runs ORDER BY collected_at DESC, id DESC LIMIT $1", connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            return await ReadLetterRunsAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    private const string LetterRunColumns = "id, protocol, branch, culture, collected_at, message_ids";

    private static async Task<List<LetterRunRecord>> ReadLetterRunsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<LetterRunRecord>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add(new LetterRunRecord(
                    reader.GetGuid(0),
                    Protocol.Parse(reader.GetString(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4),
                    [.. reader.GetFieldValue<Guid[]>(5).Select(MessageId.From)]));
            }
        }

        return runs;
    }

    public Task<int> ForgetLetterRunsAsync(DateTimeOffset collectedBefore, int batchSize, CancellationToken cancellationToken = default)
        => DeleteOldestAsync("letter_runs", "collected_at", collectedBefore, batchSize, cancellationToken);

    public async Task<Message?> FindByProviderMessageIdAsync(Protocol protocol, string providerMessageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(providerMessageId);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"""
                SELECT {Columns} FROM messages
                WHERE provider_message_id = $1 AND lower(protocol) = lower($2)
                ORDER BY changed_at DESC LIMIT 1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = providerMessageId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = protocol.Name });
            var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            return found.Count == 0 ? null : found[0];
        }
    }

    public async Task KeepUnmatchedReceiptAsync(UnmatchedReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var insert = new NpgsqlCommand("""
                INSERT INTO unmatched_receipts (protocol, provider_message_id, outcome, reported_at, reason, received_at)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                """, connection);
            AddKey(insert, receipt.Receipt);
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = receipt.Receipt.ReportedAt });
            insert.Parameters.Add(NullableParameter(NpgsqlDbType.Text, receipt.Receipt.Reason));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = receipt.ReceivedAt.ToUniversalTime() });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<UnmatchedReceipt>> ListUnmatchedReceiptsAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand("""
                SELECT protocol, provider_message_id, outcome, reported_at, reason, received_at FROM unmatched_receipts
                ORDER BY received_at LIMIT $1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var receipts = new List<UnmatchedReceipt>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var receipt = new DeliveryReceipt(
                        Protocol.Parse(reader.GetString(0)),
                        reader.GetString(1),
                        (DeliveryReceiptOutcome)reader.GetInt16(2),
                        reader.GetFieldValue<DateTimeOffset>(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4));
                    receipts.Add(new UnmatchedReceipt(receipt, reader.GetFieldValue<DateTimeOffset>(5)));
                }

                return receipts;
            }
        }
    }

    public async Task RemoveUnmatchedReceiptAsync(DeliveryReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var delete = new NpgsqlCommand("DELETE FROM unmatched_receipts WHERE protocol = $1 AND provider_message_id = $2 AND outcome = $3", connection);
            AddKey(delete, receipt);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<int> ForgetUnmatchedReceiptsAsync(DateTimeOffset receivedBefore, int batchSize, CancellationToken cancellationToken = default)
        => DeleteOldestAsync("unmatched_receipts", "received_at", receivedBefore, batchSize, cancellationToken);

    /// <summary>Deletes up to <paramref name="batchSize"/> rows of a table the nightly jobs keep bounded, oldest first; rows another host is deleting are skipped.</summary>
    private async Task<int> DeleteOldestAsync(string table, string timeColumn, DateTimeOffset before, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var delete = new NpgsqlCommand($"""
                DELETE FROM {table}
                WHERE ctid IN (SELECT ctid FROM {table} WHERE {timeColumn} < $1 ORDER BY {timeColumn} LIMIT $2 FOR UPDATE SKIP LOCKED)
                """, connection);
            delete.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
            delete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddKey(NpgsqlCommand command, DeliveryReceipt receipt)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = receipt.Protocol.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = receipt.ProviderMessageId });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)receipt.Outcome });
    }

    public async Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                List<Message> batch;
                using (var select = new NpgsqlCommand($"""
                    SELECT {Columns} FROM messages
                    WHERE NOT is_anonymized AND status <> 0 AND created_at < $1
                    ORDER BY created_at
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED
                    """, connection, transaction))
                {
                    select.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = createdBefore.ToUniversalTime() });
                    select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
                    batch = await ReadAllAsync(select, cancellationToken).ConfigureAwait(false);
                }

                var count = 0;
                if (batch.Count > 0)
                {
                    // The domain decides what anonymized means (Message.Anonymize); one statement writes the columns it
                    // changes for the whole batch, instead of one full-row UPDATE per message.
                    var rows = batch.Select(m => (Row: StoredMessageRow.From(Normalize(m.Anonymize(now))), m.Version)).ToList();
                    using var update = new NpgsqlCommand("""
                        UPDATE messages AS m SET
                            recipient_kind = u.recipient_kind, recipient = u.recipient, subject = u.subject, body = u.body,
                            html_body = u.html_body, template_data = u.template_data, failure_reason = u.failure_reason,
                            is_held = u.is_held, is_anonymized = u.is_anonymized, changed_at = u.changed_at,
                            history = u.history::json, version = m.version + 1
                        FROM unnest($1::uuid[], $2::bigint[], $3::smallint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                    $9::text[], $10::boolean[], $11::boolean[], $12::timestamptz[], $13::text[])
                            AS u(id, version, recipient_kind, recipient, subject, body, html_body, template_data, failure_reason,
                                 is_held, is_anonymized, changed_at, history)
                        WHERE m.id = u.id AND m.version = u.version
                        """, connection, transaction);
                    update.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. rows.Select(r => r.Row.Id)] });
                    update.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. rows.Select(r => r.Version)] });
                    update.Parameters.Add(new NpgsqlParameter<short?[]> { TypedValue = [.. rows.Select(r => r.Row.RecipientKind is { } k ? (short?)k : null)] });
                    update.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.Row.Recipient)] });
                    update.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.Row.Subject)] });
                    update.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.Row.Body)] });
                    update.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.Row.HtmlBody)] });
                    update.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.Row.TemplateData)] });
                    update.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. rows.Select(r => r.Row.FailureReason)] });
                    update.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. rows.Select(r => r.Row.IsHeld)] });
                    update.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. rows.Select(r => r.Row.IsAnonymized)] });
                    update.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. rows.Select(r => r.Row.ChangedAt.ToUniversalTime())] });
                    update.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.History)] });
                    count = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                PostgreSqlLog.MessagesAnonymized(_logger, count);
                return count;
            }
        }
    }

    /// <summary>Truncates the message's times to what <c>timestamptz</c> holds (microseconds), so the store returns what it stored.</summary>
    private static Message Normalize(Message message)
    {
        if (IsMicroseconds(message.CreatedAt) && IsMicroseconds(message.ChangedAt) && (message.NextAttemptAt is not { } next || IsMicroseconds(next)))
        {
            return message;
        }

        var state = message.ToState();
        return Message.Restore(state with
        {
            CreatedAt = Truncate(state.CreatedAt),
            ChangedAt = Truncate(state.ChangedAt),
            NextAttemptAt = state.NextAttemptAt is { } due ? Truncate(due) : null,
        });

        static bool IsMicroseconds(DateTimeOffset time) => time.UtcTicks % 10 == 0;

        static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
    }

    private static async Task<List<Message>> GetEarlierAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string idempotencyKey, CancellationToken cancellationToken)
    {
        Guid[] ids;
        using (var find = new NpgsqlCommand("SELECT message_ids FROM idempotency_keys WHERE key = $1", connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
            ids = (Guid[])(await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        using var load = new NpgsqlCommand($"SELECT {Columns} FROM messages WHERE id = ANY ($1)", connection, transaction);
        load.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        var byId = (await ReadAllAsync(load, cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.Id.Value);
        return [.. ids.Select(id => byId.TryGetValue(id, out var m) ? m : throw new InvalidOperationException($"Message {id} of an earlier notification is missing from the store."))];
    }

    private static void AddCursor(NpgsqlCommand command, (DateTimeOffset CreatedAt, Guid Id)? after)
    {
        if (after is { } cursor)
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("after_created_at", cursor.CreatedAt));
            command.Parameters.Add(new NpgsqlParameter<Guid>("after_id", cursor.Id));
        }
    }

    private static void AddParameters(NpgsqlParameterCollection p, StoredMessageRow row, long version)
    {
        p.Add(new NpgsqlParameter<Guid> { TypedValue = row.Id });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.BorrowerId });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Type });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Protocol });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.Culture });
        p.Add(new NpgsqlParameter<short> { TypedValue = (short)row.Status });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.CreatedAt.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = row.ChangedAt.ToUniversalTime() });
        p.Add(new NpgsqlParameter<int> { TypedValue = row.AttemptCount });
        p.Add(NullableParameter(NpgsqlDbType.TimestampTz, row.NextAttemptAt?.ToUniversalTime()));
        p.Add(NullableParameter(NpgsqlDbType.Smallint, row.FailureKind is { } kind ? (short)kind : null));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.FailureReason));
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.IsHeld });
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.IsAnonymized });
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.IsDismissed });
        p.Add(new NpgsqlParameter<bool> { TypedValue = row.IsHandledManually });
        p.Add(NullableParameter(NpgsqlDbType.Text, row.ProviderMessageId));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.IdempotencyKey));
        p.Add(NullableParameter(NpgsqlDbType.Smallint, row.RecipientKind is { } rk ? (short)rk : null));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.Recipient));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.Subject));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.Body));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.HtmlBody));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.TemplateData));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = row.History });
        p.Add(new NpgsqlParameter<long> { TypedValue = version });
        p.Add(NullableParameter(NpgsqlDbType.Uuid, row.NotificationId));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.DigestItems));
        p.Add(NullableParameter(NpgsqlDbType.Text, row.Branch));
    }

    private static NpgsqlParameter NullableParameter(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    private static async Task<List<Message>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var messages = new List<Message>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                messages.Add(Read(reader));
            }
        }

        return messages;
    }

    private static Message Read(NpgsqlDataReader r) => StoredMessageRow.Read(r, static (r, i) => r.GetGuid(i), static (r, i) => r.GetFieldValue<DateTimeOffset>(i));
}
