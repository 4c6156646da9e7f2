using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Benchmarks.Stores;

/// <summary>
/// The bare Microsoft.Data.Sqlite side: one open connection with the store's pragmas and prepared commands (SQLite has one
/// writer, so more connections would only queue), every write in a <c>BEGIN IMMEDIATE</c> transaction as the store does.
/// The SQL is the store's, except the anonymization, which is one set-based UPDATE.
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

    private const string ProfileSql = "SELECT cpr, cvr, preferred_culture, opt_ins, version FROM borrower_profiles WHERE borrower_id = $id;";

    private const string ContactsSql = """
        SELECT kind, value, purpose, source, added_at, verified_at, verification_started_at, token_hash
        FROM contact_points WHERE borrower_id = $id ORDER BY ordinal;
        """;

    private const string KeySql = "INSERT INTO idempotency_keys (key, message_ids, created_at) VALUES ($key, $ids, $created_at) ON CONFLICT (key) DO NOTHING;";

    private const string AnonymizeSql = """
        UPDATE messages SET recipient = NULL, subject = NULL, body = NULL, html_body = NULL, template_data = NULL, failure_reason = NULL,
            is_anonymized = 1, is_held = 0, changed_at = MAX(changed_at, $now), version = version + 1,
            history = json_insert(history, '$[#]', json_object('e', 10, 'f', status, 't', status, 'at', $now, 'by', 'system'))
        WHERE id IN (
            SELECT id FROM messages
            WHERE is_anonymized = 0 AND status <> 0 AND created_at < $created_before
            ORDER BY created_at
            LIMIT $limit);
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
    private readonly SqliteCommand _profile;
    private readonly SqliteCommand _contacts;
    private readonly SqliteCommand _key;
    private readonly SqliteCommand _anonymize;

    private SqliteRawStore(SqliteConnection connection)
    {
        _connection = connection;
        (_insert, _insertParameters) = RowCommand(InsertSql);
        (_update, _updateParameters) = RowCommand(UpdateSql);
        _claim = Command(ClaimSql, "$owner", "$lease_until", "$now", "$limit");
        _beginSend = Command(BeginSendSql, "$id", "$owner", "$now", "$lease_until");
        _profile = Command(ProfileSql, "$id");
        _contacts = Command(ContactsSql, "$id");
        _key = Command(KeySql, "$key", "$ids", "$created_at");
        _anonymize = Command(AnonymizeSql, "$now", "$created_before", "$limit");
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

    public override Task<int> NotifyManyAsync(IReadOnlyList<RawNotification> notifications) => WriteAsync(transaction =>
    {
        foreach (var command in (SqliteCommand[])[_profile, _contacts, _key, _insert])
        {
            command.Transaction = transaction;
        }

        var inserted = 0;
        foreach (var notification in notifications)
        {
            _profile.Parameters[0].Value = notification.BorrowerId;
            _contacts.Parameters[0].Value = notification.BorrowerId;
            if (ReadAll(_profile) != 1 || ReadAll(_contacts) == 0)
            {
                throw new InvalidOperationException($"Borrower {notification.BorrowerId} has no profile or no contact point: the measurement is void.");
            }

            var ids = new byte[notification.Messages.Count * 16];
            for (var i = 0; i < notification.Messages.Count; i++)
            {
                notification.Messages[i].Id.TryWriteBytes(ids.AsSpan(i * 16, 16), bigEndian: true, out _);
            }

            _key.Parameters[0].Value = notification.IdempotencyKey;
            _key.Parameters[1].Value = ids;
            _key.Parameters[2].Value = notification.Messages[0].CreatedAt.UtcTicks;
            if (_key.ExecuteNonQuery() == 1)
            {
                foreach (var message in notification.Messages)
                {
                    Bind(_insertParameters, message);
                    inserted += _insert.ExecuteNonQuery();
                }
            }
        }

        return inserted;
    });

    public override Task<int> BeginSendManyAsync(IReadOnlyList<Guid> ids, string owner, DateTimeOffset now, DateTimeOffset leaseUntil) => WriteAsync(transaction =>
    {
        _beginSend.Transaction = transaction;
        var marked = 0;
        foreach (var id in ids)
        {
            _beginSend.Parameters[0].Value = id.ToByteArray(bigEndian: true);
            _beginSend.Parameters[1].Value = owner;
            _beginSend.Parameters[2].Value = now.UtcTicks;
            _beginSend.Parameters[3].Value = leaseUntil.UtcTicks;
            marked += _beginSend.ExecuteNonQuery();
        }

        return marked;
    });

    public override Task<int> UpdateManyAsync(IReadOnlyList<RawMessage> messages) => WriteAsync(transaction =>
    {
        _update.Transaction = transaction;
        var updated = 0;
        foreach (var message in messages)
        {
            Bind(_updateParameters, message);
            updated += _update.ExecuteNonQuery();
        }

        return updated;
    });

    public override Task<int> AnonymizeBatchAsync(DateTimeOffset createdBefore, DateTimeOffset now, int batchSize) => WriteAsync(transaction =>
    {
        _anonymize.Transaction = transaction;
        _anonymize.Parameters[0].Value = now.UtcTicks;
        _anonymize.Parameters[1].Value = createdBefore.UtcTicks;
        _anonymize.Parameters[2].Value = batchSize;
        return _anonymize.ExecuteNonQuery();
    });

    /// <summary>All rows in one transaction with the prepared INSERT: SQLite's fastest bulk load.</summary>
    public override Task SeedAsync(IEnumerable<RawMessage> messages) => InsertAllAsync(messages);

    public override async ValueTask DisposeAsync()
    {
        _insert.Dispose();
        _claim.Dispose();
        _beginSend.Dispose();
        _update.Dispose();
        _profile.Dispose();
        _contacts.Dispose();
        _key.Dispose();
        _anonymize.Dispose();
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

    private (SqliteCommand Command, SqliteParameter[] Parameters) RowCommand(string sql)
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

    private SqliteCommand Command(string sql, params string[] parameterNames)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }

    /// <summary>Reads every column of every row (as the store's reads do) and returns how many rows there were.</summary>
    private static int ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows++;
        }

        return rows;
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
