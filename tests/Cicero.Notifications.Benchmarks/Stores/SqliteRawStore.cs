using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The bare Microsoft.Data.Sqlite side: one open connection with the store's pragmas and three prepared commands (SQLite
/// has one writer, so more connections would only queue), every write in a <c>BEGIN IMMEDIATE</c> transaction as the
/// store does. The SQL is the store's.
/// </summary>
internal sealed class SqliteRawStore : RawStore
{
    private const string Columns = "id, borrower_id, type, protocol, culture, status, created_at, changed_at, attempt_count, next_attempt_at, failure_kind, failure_reason, is_held, is_anonymized, is_dismissed, is_handled_manually, provider_message_id, idempotency_key, recipient_kind, recipient, subject, body, html_body, template_data, history, version";

    private const string InsertSql = $"""
        INSERT INTO messages ({Columns})
        VALUES ($id, $borrower_id, $type, $protocol, $culture, $status, $created_at, $changed_at, $attempt_count, $next_attempt_at, $failure_kind, $failure_reason, $is_held, $is_anonymized, $is_dismissed, $is_handled_manually, $provider_message_id, $idempotency_key, $recipient_kind, $recipient, $subject, $body, $html_body, $template_data, $history, $version);
        """;

    private const string ClaimSql = $"""
        UPDATE messages SET lease_owner = $owner, lease_until = $lease_until
        WHERE id IN (
            SELECT id FROM messages
            WHERE status = 0 AND is_held = 0 AND next_attempt_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
            ORDER BY next_attempt_at, id
            LIMIT $limit)
        RETURNING {Columns}, send_started;
        """;

    private const string UpdateSql = """
        UPDATE messages SET type = $type, protocol = $protocol, culture = $culture, status = $status, changed_at = $changed_at,
            attempt_count = $attempt_count, next_attempt_at = $next_attempt_at, failure_kind = $failure_kind, failure_reason = $failure_reason,
            is_held = $is_held, is_anonymized = $is_anonymized, is_dismissed = $is_dismissed, is_handled_manually = $is_handled_manually,
            provider_message_id = $provider_message_id, idempotency_key = $idempotency_key, recipient_kind = $recipient_kind, recipient = $recipient,
            subject = $subject, body = $body, html_body = $html_body, template_data = $template_data, history = $history,
            version = $version + 1, lease_owner = NULL, lease_until = NULL, send_started = 0
        WHERE id = $id AND version = $version;
        """;

    private const string BeginSendSql = """
        UPDATE messages SET lease_until = $lease_until, send_started = 1
        WHERE id = $id AND lease_owner = $owner AND lease_until > $now AND status = 0;
        """;

    private static readonly string[] ParameterNames =
    [
        "$id", "$borrower_id", "$type", "$protocol", "$culture", "$status", "$created_at", "$changed_at", "$attempt_count", "$next_attempt_at",
        "$failure_kind", "$failure_reason", "$is_held", "$is_anonymized", "$is_dismissed", "$is_handled_manually", "$provider_message_id",
        "$idempotency_key", "$recipient_kind", "$recipient", "$subject", "$body", "$html_body", "$template_data", "$history", "$version",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter[] _insertParameters;
    private readonly SqliteCommand _claim;
    private readonly SqliteCommand _beginSend;
    private readonly SqliteCommand _update;
    private readonly SqliteParameter[] _updateParameters;

    private SqliteRawStore(SqliteConnection connection)
    {
        _connection = connection;
        (_insert, _insertParameters) = Command(InsertSql);
        (_update, _updateParameters) = Command(UpdateSql);
        _claim = connection.CreateCommand();
        _claim.CommandText = ClaimSql;
        foreach (var name in (string[])["$owner", "$lease_until", "$now", "$limit"])
        {
            _claim.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        _beginSend = connection.CreateCommand();
        _beginSend.CommandText = BeginSendSql;
        foreach (var name in (string[])["$id", "$owner", "$now", "$lease_until"])
        {
            _beginSend.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }
    }

    public override int Parallelism => 1;

    /// <summary>Opens the connection with the store's default pragmas (durable commits, 30 s busy timeout).</summary>
    public static async Task<SqliteRawStore> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";
            pragmas.ExecuteNonQuery();
        }

        return new SqliteRawStore(connection);
    }

    public override Task InsertAsync(IReadOnlyList<RawMessage> messages) => InsertAllAsync(messages);

    public override async Task<IReadOnlyList<RawMessage>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        var claimed = new List<RawMessage>(limit);
        await WriteAsync(transaction =>
        {
            _claim.Transaction = transaction;
            _claim.Parameters[0].Value = owner;
            _claim.Parameters[1].Value = leaseUntil.UtcTicks;
            _claim.Parameters[2].Value = now.UtcTicks;
            _claim.Parameters[3].Value = limit;
            using var reader = _claim.ExecuteReader();
            while (reader.Read())
            {
                claimed.Add(Read(reader));
            }

            return true;
        });
        return claimed;
    }

    public override Task<bool> BeginSendAsync(Guid id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil) => WriteAsync(transaction =>
    {
        _beginSend.Transaction = transaction;
        _beginSend.Parameters[0].Value = id.ToByteArray(bigEndian: true);
        _beginSend.Parameters[1].Value = owner;
        _beginSend.Parameters[2].Value = now.UtcTicks;
        _beginSend.Parameters[3].Value = leaseUntil.UtcTicks;
        return _beginSend.ExecuteNonQuery() == 1;
    });

    public override Task<bool> UpdateAsync(RawMessage message) => WriteAsync(transaction =>
    {
        _update.Transaction = transaction;
        Bind(_updateParameters, message);
        return _update.ExecuteNonQuery() == 1;
    });

    /// <summary>All rows in one transaction with the prepared INSERT: SQLite's fastest bulk load.</summary>
    public override Task SeedAsync(IEnumerable<RawMessage> messages) => InsertAllAsync(messages);

    public override async ValueTask DisposeAsync()
    {
        _insert.Dispose();
        _claim.Dispose();
        _beginSend.Dispose();
        _update.Dispose();
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    /// <summary>Runs <paramref name="work"/> in a BEGIN IMMEDIATE transaction on the one connection, one write at a time.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work)
    {
        await _gate.WaitAsync();
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<bool> InsertAllAsync(IEnumerable<RawMessage> messages) => WriteAsync(transaction =>
    {
        _insert.Transaction = transaction;
        foreach (var message in messages)
        {
            Bind(_insertParameters, message);
            _insert.ExecuteNonQuery();
        }

        return true;
    });

    private (SqliteCommand Command, SqliteParameter[] Parameters) Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        var parameters = new SqliteParameter[ParameterNames.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter(ParameterNames[i], DBNull.Value));
        }

        return (command, parameters);
    }

    private static void Bind(SqliteParameter[] p, RawMessage m)
    {
        p[0].Value = m.Id.ToByteArray(bigEndian: true);
        p[1].Value = m.BorrowerId;
        p[2].Value = m.Type;
        p[3].Value = m.Protocol;
        p[4].Value = m.Culture;
        p[5].Value = m.Status;
        p[6].Value = m.CreatedAt.UtcTicks;
        p[7].Value = m.ChangedAt.UtcTicks;
        p[8].Value = m.AttemptCount;
        p[9].Value = m.NextAttemptAt?.UtcTicks ?? (object)DBNull.Value;
        p[10].Value = m.FailureKind ?? (object)DBNull.Value;
        p[11].Value = (object?)m.FailureReason ?? DBNull.Value;
        p[12].Value = m.IsHeld;
        p[13].Value = m.IsAnonymized;
        p[14].Value = m.IsDismissed;
        p[15].Value = m.IsHandledManually;
        p[16].Value = (object?)m.ProviderMessageId ?? DBNull.Value;
        p[17].Value = (object?)m.IdempotencyKey ?? DBNull.Value;
        p[18].Value = m.RecipientKind ?? (object)DBNull.Value;
        p[19].Value = (object?)m.Recipient ?? DBNull.Value;
        p[20].Value = (object?)m.Subject ?? DBNull.Value;
        p[21].Value = (object?)m.Body ?? DBNull.Value;
        p[22].Value = (object?)m.HtmlBody ?? DBNull.Value;
        p[23].Value = (object?)m.TemplateData ?? DBNull.Value;
        p[24].Value = m.History;
        p[25].Value = m.Version;
    }

    private static RawMessage Read(SqliteDataReader r) => new()
    {
        Id = new Guid(r.GetFieldValue<byte[]>(0), bigEndian: true),
        BorrowerId = r.GetString(1),
        Type = r.GetString(2),
        Protocol = r.GetString(3),
        Culture = r.GetString(4),
        Status = r.GetInt16(5),
        CreatedAt = Time(r.GetInt64(6)),
        ChangedAt = Time(r.GetInt64(7)),
        AttemptCount = r.GetInt32(8),
        NextAttemptAt = r.IsDBNull(9) ? null : Time(r.GetInt64(9)),
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

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
}
