using Npgsql;
using NpgsqlTypes;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The bare Npgsql side: its own <see cref="NpgsqlDataSource"/> (a host's connection pool), a pooled connection per
/// operation as Npgsql intends, and the store's SQL: the notification's INSERTs batched in one transaction, the claim as
/// one <c>FOR UPDATE SKIP LOCKED</c> CTE with <c>UPDATE … RETURNING</c>, each status UPDATE on its own; updates of a
/// batch run <paramref name="parallelism"/> at a time like the dispatcher's sends. The bulk operations of the durable
/// benchmark send one prepared statement per row in an <see cref="NpgsqlBatch"/> (one round trip) inside one transaction;
/// the anonymization is one set-based UPDATE.
/// </summary>
internal sealed class PostgresRawStore(string connectionString, int parallelism) : RawStore
{
    private const string Columns = "id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, failure_kind, failure_reason, is_held, is_anonymized, is_dismissed, is_handled_manually, provider_message_id, idempotency_key, recipient_kind, recipient, subject, body, html_body, template_data, history, version";

    private const string InsertSql = $"""
        INSERT INTO messages ({Columns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
        """;

    private const string ClaimSql = """
        WITH due AS (
            SELECT id FROM messages
            WHERE status = 0 AND NOT is_held AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY next_attempt_at, id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        UPDATE messages AS m SET lease_owner = @owner, lease_until = @lease_until
        FROM due
        WHERE m.id = due.id
        RETURNING m.id, m.borrower_id, m.type, m.protocol, m.culture, m.status, m.created_at, m.changed_at, m.attempt_count, m.next_attempt_at,
            m.failure_kind, m.failure_reason, m.is_held, m.is_anonymized, m.is_dismissed, m.is_handled_manually, m.provider_message_id,
            m.idempotency_key, m.recipient_kind, m.recipient, m.subject, m.body, m.html_body, m.template_data, m.history, m.version,
            m.send_started
        """;

    private const string UpdateSql = """
        UPDATE messages SET borrower_id = $2, type = $3, protocol = $4, culture = $5, status = $6, created_at = $7, changed_at = $8,
            attempt_count = $9, next_attempt_at = $10, failure_kind = $11, failure_reason = $12, is_held = $13, is_anonymized = $14,
            is_dismissed = $15, is_handled_manually = $16, provider_message_id = $17, idempotency_key = $18, recipient_kind = $19,
            recipient = $20, subject = $21, body = $22, html_body = $23, template_data = $24, history = $25,
            version = $26 + 1, lease_owner = NULL, lease_until = NULL, send_started = false
        WHERE id = $1 AND version = $26
        """;

    private const string BeginSendSql = "UPDATE messages SET lease_until = $1, send_started = true WHERE id = $2 AND lease_owner = $3 AND lease_until > $4 AND status = 0";

    private const string ProfileSql = """
        SELECT p.borrower_id, p.cpr, p.cvr, p.preferred_culture, p.opt_ins, p.version,
               c.kind, c.value, c.purpose, c.source, c.added_at, c.verified_at, c.verification_started_at, c.token_hash
        FROM borrower_profiles p
        LEFT JOIN contact_points c ON c.borrower_id = p.borrower_id
        WHERE p.borrower_id = $1
        ORDER BY c.ordinal
        """;

    private const string KeySql = "INSERT INTO idempotency_keys (key, message_ids, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING";

    private const string AnonymizeSql = """
        WITH batch AS (
            SELECT id FROM messages
            WHERE NOT is_anonymized AND status <> 0 AND created_at < $1
            ORDER BY created_at
            LIMIT $2
            FOR UPDATE SKIP LOCKED)
        UPDATE messages AS m SET recipient = NULL, subject = NULL, body = NULL, html_body = NULL, template_data = NULL, failure_reason = NULL,
            is_anonymized = true, is_held = false, changed_at = GREATEST(m.changed_at, $3), version = m.version + 1,
            history = (left(m.history::text, -1) || ',' || json_build_object('e', 10, 'f', m.status, 't', m.status, 'at', $4::bigint, 'by', 'system')::text || ']')::json
        FROM batch
        WHERE m.id = batch.id
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override int Parallelism => parallelism;

    public override async Task InsertAsync(IReadOnlyList<RawMessage> messages)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var message in messages)
        {
            var command = new NpgsqlBatchCommand(InsertSql);
            AddParameters(command.Parameters, message);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public override async Task<IReadOnlyList<RawMessage>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        using var command = new NpgsqlCommand(ClaimSql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("lease_until", leaseUntil));
        command.Parameters.Add(new NpgsqlParameter<string>("owner", owner));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var claimed = new List<RawMessage>(limit);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            claimed.Add(Read(reader));
        }

        return claimed;
    }

    public override async Task<bool> BeginSendAsync(Guid id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        using var command = new NpgsqlCommand(BeginSendSql, connection);
        AddBeginSendParameters(command.Parameters, id, owner, now, leaseUntil);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public override async Task<int> NotifyManyAsync(IReadOnlyList<RawNotification> notifications)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (var profiles = new NpgsqlBatch(connection, transaction))
        {
            foreach (var notification in notifications)
            {
                var command = new NpgsqlBatchCommand(ProfileSql);
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = notification.BorrowerId });
                profiles.BatchCommands.Add(command);
            }

            await profiles.PrepareAsync();
            await using var reader = await profiles.ExecuteReaderAsync();
            var values = new object[reader.FieldCount];
            do
            {
                var rows = 0;
                while (await reader.ReadAsync())
                {
                    reader.GetValues(values);
                    rows++;
                }

                if (rows == 0)
                {
                    throw new InvalidOperationException("A borrower has no profile: the measurement is void.");
                }
            }
            while (await reader.NextResultAsync());
        }

        using var keys = new NpgsqlBatch(connection, transaction);
        foreach (var notification in notifications)
        {
            var command = new NpgsqlBatchCommand(KeySql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = notification.IdempotencyKey });
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. notification.Messages.Select(m => m.Id)] });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = notification.Messages[0].CreatedAt });
            keys.BatchCommands.Add(command);
        }

        await keys.PrepareAsync();
        await keys.ExecuteNonQueryAsync();
        using var inserts = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < notifications.Count; i++)
        {
            if (keys.BatchCommands[i].RecordsAffected == 1)
            {
                foreach (var message in notifications[i].Messages)
                {
                    var command = new NpgsqlBatchCommand(InsertSql);
                    AddParameters(command.Parameters, message);
                    inserts.BatchCommands.Add(command);
                }
            }
        }

        if (inserts.BatchCommands.Count > 0)
        {
            await inserts.PrepareAsync();
            await inserts.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return inserts.BatchCommands.Count;
    }

    public override Task<int> BeginSendManyAsync(IReadOnlyList<Guid> ids, string owner, DateTimeOffset now, DateTimeOffset leaseUntil)
        => ExecuteInTransactionAsync(ids, BeginSendSql, (p, id) => AddBeginSendParameters(p, id, owner, now, leaseUntil));

    public override Task<int> UpdateManyAsync(IReadOnlyList<RawMessage> messages) => ExecuteInTransactionAsync(messages, UpdateSql, AddParameters);

    public override async Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        using var command = new NpgsqlCommand(AnonymizeSql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = createdBefore });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batchSize });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.UtcTicks });
        await command.PrepareAsync();
        return await command.ExecuteNonQueryAsync();
    }

    public override async Task<bool> UpdateAsync(RawMessage message)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        using var command = new NpgsqlCommand(UpdateSql, connection);
        AddParameters(command.Parameters, message);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>All rows with one binary COPY, then VACUUM ANALYZE (as autovacuum would after a bulk load).</summary>
    public override async Task SeedAsync(IEnumerable<RawMessage> messages)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY messages ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var m in messages)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(m.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(m.BorrowerId, NpgsqlDbType.Text);
                await copy.WriteAsync(m.Type, NpgsqlDbType.Text);
                await copy.WriteAsync(m.Protocol, NpgsqlDbType.Text);
                await copy.WriteAsync(m.Culture, NpgsqlDbType.Text);
                await copy.WriteAsync(m.Status, NpgsqlDbType.Smallint);
                await copy.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(m.ChangedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(m.AttemptCount, NpgsqlDbType.Integer);
                await copy.WriteAsync(m.NextAttemptAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(m.FailureKind, NpgsqlDbType.Smallint);
                await copy.WriteAsync(m.FailureReason, NpgsqlDbType.Text);
                await copy.WriteAsync(m.IsHeld, NpgsqlDbType.Boolean);
                await copy.WriteAsync(m.IsAnonymized, NpgsqlDbType.Boolean);
                await copy.WriteAsync(m.IsDismissed, NpgsqlDbType.Boolean);
                await copy.WriteAsync(m.IsHandledManually, NpgsqlDbType.Boolean);
                await copy.WriteAsync(m.ProviderMessageId, NpgsqlDbType.Text);
                await copy.WriteAsync(m.IdempotencyKey, NpgsqlDbType.Text);
                await copy.WriteAsync(m.RecipientKind, NpgsqlDbType.Smallint);
                await copy.WriteAsync(m.Recipient, NpgsqlDbType.Text);
                await copy.WriteAsync(m.Subject, NpgsqlDbType.Text);
                await copy.WriteAsync(m.Body, NpgsqlDbType.Text);
                await copy.WriteAsync(m.HtmlBody, NpgsqlDbType.Text);
                await copy.WriteAsync(m.TemplateData, NpgsqlDbType.Text);
                await copy.WriteAsync(m.History, NpgsqlDbType.Json);
                await copy.WriteAsync(m.Version, NpgsqlDbType.Bigint);
            }

            await copy.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE messages", connection);
        analyze.CommandTimeout = 0;
        await analyze.ExecuteNonQueryAsync();
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Runs one prepared statement per item in one batch (one round trip) in one transaction; returns the rows affected.</summary>
    private async Task<int> ExecuteInTransactionAsync<T>(IReadOnlyList<T> items, string sql, Action<NpgsqlParameterCollection, T> bind)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var item in items)
        {
            var command = new NpgsqlBatchCommand(sql);
            bind(command.Parameters, item);
            batch.BatchCommands.Add(command);
        }

        await batch.PrepareAsync();
        var affected = await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return affected;
    }

    private static void AddBeginSendParameters(NpgsqlParameterCollection p, Guid id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        p.Add(new NpgsqlParameter<string> { TypedValue = owner });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
    }

    private static void AddParameters(NpgsqlParameterCollection p, RawMessage m)
    {
        p.Add(new NpgsqlParameter<Guid> { TypedValue = m.Id });
        p.Add(new NpgsqlParameter<string> { TypedValue = m.BorrowerId });
        p.Add(new NpgsqlParameter<string> { TypedValue = m.Type });
        p.Add(new NpgsqlParameter<string> { TypedValue = m.Protocol });
        p.Add(new NpgsqlParameter<string> { TypedValue = m.Culture });
        p.Add(new NpgsqlParameter<short> { TypedValue = m.Status });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = m.CreatedAt });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = m.ChangedAt });
        p.Add(new NpgsqlParameter<int> { TypedValue = m.AttemptCount });
        p.Add(Nullable(NpgsqlDbType.TimestampTz, m.NextAttemptAt));
        p.Add(Nullable(NpgsqlDbType.Smallint, m.FailureKind));
        p.Add(Nullable(NpgsqlDbType.Text, m.FailureReason));
        p.Add(new NpgsqlParameter<bool> { TypedValue = m.IsHeld });
        p.Add(new NpgsqlParameter<bool> { TypedValue = m.IsAnonymized });
        p.Add(new NpgsqlParameter<bool> { TypedValue = m.IsDismissed });
        p.Add(new NpgsqlParameter<bool> { TypedValue = m.IsHandledManually });
        p.Add(Nullable(NpgsqlDbType.Text, m.ProviderMessageId));
        p.Add(Nullable(NpgsqlDbType.Text, m.IdempotencyKey));
        p.Add(Nullable(NpgsqlDbType.Smallint, m.RecipientKind));
        p.Add(Nullable(NpgsqlDbType.Text, m.Recipient));
        p.Add(Nullable(NpgsqlDbType.Text, m.Subject));
        p.Add(Nullable(NpgsqlDbType.Text, m.Body));
        p.Add(Nullable(NpgsqlDbType.Text, m.HtmlBody));
        p.Add(Nullable(NpgsqlDbType.Text, m.TemplateData));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Json, Value = m.History });
        p.Add(new NpgsqlParameter<long> { TypedValue = m.Version });
    }

    private static NpgsqlParameter Nullable(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    private static RawMessage Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        BorrowerId = r.GetString(1),
        Type = r.GetString(2),
        Protocol = r.GetString(3),
        Culture = r.GetString(4),
        Status = r.GetInt16(5),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(6),
        ChangedAt = r.GetFieldValue<DateTimeOffset>(7),
        AttemptCount = r.GetInt32(8),
        NextAttemptAt = r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
        FailureKind = r.IsDBNull(10) ? null : r.GetInt16(10),
        FailureReason = r.IsDBNull(11) ? null : r.GetString(11),
        IsHeld = r.GetBoolean(12),
        IsAnonymized = r.GetBoolean(13),
        IsDismissed = r.GetBoolean(14),
        IsHandledManually = r.GetBoolean(15),
        ProviderMessageId = r.IsDBNull(16) ? null : r.GetString(16),
        IdempotencyKey = r.IsDBNull(17) ? null : r.GetString(17),
        RecipientKind = r.IsDBNull(18) ? null : r.GetInt16(18),
        Recipient = r.IsDBNull(19) ? null : r.GetString(19),
        Subject = r.IsDBNull(20) ? null : r.GetString(20),
        Body = r.IsDBNull(21) ? null : r.GetString(21),
        HtmlBody = r.IsDBNull(22) ? null : r.GetString(22),
        TemplateData = r.IsDBNull(23) ? null : r.GetString(23),
        History = r.GetString(24),
        Version = r.GetInt64(25),
    };
}
