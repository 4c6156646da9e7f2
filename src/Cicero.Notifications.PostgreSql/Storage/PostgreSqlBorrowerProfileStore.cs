using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Cicero.Notifications.PostgreSql.Storage;

/// <summary>
/// <see cref="IBorrowerProfileStore"/> in PostgreSQL: one row per profile and one per contact point, saved together in a
/// transaction conditional on the version; read in one statement (a consistent snapshot). Times are kept to the
/// microsecond (<c>timestamptz</c>), and saved profiles are returned as stored.
/// </summary>
internal sealed class PostgreSqlBorrowerProfileStore(PostgreSqlDatabase database) : IBorrowerProfileStore
{
    private const string SelectProfiles = """
        SELECT p.borrower_id, p.cpr, p.cvr, p.preferred_culture, p.opt_ins, p.version,
               c.kind, c.value, c.purpose, c.source, c.added_at, c.verified_at, c.verification_started_at, c.token_hash
        FROM borrower_profiles p
        LEFT JOIN contact_points c ON c.borrower_id = p.borrower_id
        """;

    public async Task<BorrowerProfile?> GetAsync(BorrowerId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"{SelectProfiles} WHERE p.borrower_id = $1 ORDER BY c.ordinal", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id.Value });
            var profiles = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
            return profiles.Count == 0 ? null : profiles[0];
        }
    }

    /// <summary>All of them in one query.</summary>
    public async Task<IReadOnlyDictionary<BorrowerId, BorrowerProfile>> GetManyAsync(IReadOnlyCollection<BorrowerId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"{SelectProfiles} WHERE p.borrower_id = ANY($1) ORDER BY p.borrower_id, c.ordinal", connection);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids.Select(id => id.Value).Distinct(StringComparer.Ordinal)] });
            var profiles = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
            return profiles.ToDictionary(p => p.Id);
        }
    }

    public async Task<BorrowerProfile?> TrySaveAsync(BorrowerProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var saved = Normalize(profile);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using (var save = new NpgsqlCommand(saved.Version == 0
                    ? """
                      INSERT INTO borrower_profiles (borrower_id, cpr, cvr, preferred_culture, opt_ins, version)
                      VALUES ($1, $2, $3, $4, $5, 1)
                      ON CONFLICT (borrower_id) DO NOTHING
                      """
                    : """
                      UPDATE borrower_profiles SET cpr = $2, cvr = $3, preferred_culture = $4, opt_ins = $5, version = version + 1
                      WHERE borrower_id = $1 AND version = $6
                      """, connection, transaction))
                {
                    save.Parameters.Add(new NpgsqlParameter<string> { TypedValue = saved.Id.Value });
                    save.Parameters.Add(NullableParameter(NpgsqlDbType.Text, saved.Cpr?.Value));
                    save.Parameters.Add(NullableParameter(NpgsqlDbType.Text, saved.Cvr?.Value));
                    save.Parameters.Add(NullableParameter(NpgsqlDbType.Text, saved.PreferredCulture));
                    save.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. saved.OptIns.Select(p => p.Name)] });
                    if (saved.Version != 0)
                    {
                        save.Parameters.Add(new NpgsqlParameter<long> { TypedValue = saved.Version });
                    }

                    if (await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                    {
                        return null;
                    }
                }

                using var contacts = new NpgsqlBatch(connection, transaction);
                var delete = new NpgsqlBatchCommand("DELETE FROM contact_points WHERE borrower_id = $1");
                delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = saved.Id.Value });
                contacts.BatchCommands.Add(delete);
                for (var i = 0; i < saved.ContactPoints.Length; i++)
                {
                    var point = saved.ContactPoints[i];
                    var insert = new NpgsqlBatchCommand("""
                        INSERT INTO contact_points (borrower_id, ordinal, kind, value, purpose, source, added_at, verified_at, verification_started_at, token_hash)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """);
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = saved.Id.Value });
                    insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = i });
                    insert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)point.Kind });
                    insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = point.Value });
                    insert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)point.Purpose });
                    insert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)point.Source });
                    insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = point.AddedAt.ToUniversalTime() });
                    insert.Parameters.Add(NullableParameter(NpgsqlDbType.TimestampTz, point.VerifiedAt?.ToUniversalTime()));
                    insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = point.VerificationStartedAt.ToUniversalTime() });
                    insert.Parameters.Add(NullableParameter(NpgsqlDbType.Text, point.VerificationTokenHash));
                    contacts.BatchCommands.Add(insert);
                }

                await contacts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return saved.WithVersion(saved.Version + 1);
            }
        }
    }

    public async Task<BorrowerProfile?> FindByVerificationTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"""
                {SelectProfiles}
                WHERE p.borrower_id = (SELECT borrower_id FROM contact_points WHERE token_hash = $1 LIMIT 1)
                ORDER BY c.ordinal
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tokenHash });
            var profiles = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
            return profiles.Count == 0 ? null : profiles[0];
        }
    }

    public async Task<IReadOnlyList<BorrowerProfile>> ListWithExpiredVerificationsAsync(DateTimeOffset startedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand($"""
                {SelectProfiles}
                WHERE p.borrower_id IN (
                    SELECT DISTINCT borrower_id FROM contact_points
                    WHERE kind = 1 AND purpose = 0 AND verified_at IS NULL AND verification_started_at <= $1
                    LIMIT $2)
                ORDER BY p.borrower_id, c.ordinal
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = startedBefore.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads profiles from rows of profile × contact point, ordered by profile then ordinal.</summary>
    private static async Task<List<BorrowerProfile>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var profiles = new List<BorrowerProfile>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            string? current = null;
            (string? Cpr, string? Cvr, string? Culture, string[] OptIns, long Version) row = default;
            var points = new List<ContactPoint>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                if (!string.Equals(id, current, StringComparison.Ordinal))
                {
                    if (current is not null)
                    {
                        profiles.Add(Restore(current, row, points));
                        points = [];
                    }

                    current = id;
                    row = (
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.GetFieldValue<string[]>(4),
                        reader.GetInt64(5));
                }

                if (!reader.IsDBNull(6))
                {
                    points.Add(ContactPoint.Restore(
                        (ContactKind)reader.GetInt16(6),
                        reader.GetString(7),
                        (ContactPurpose)reader.GetInt16(8),
                        (ContactSource)reader.GetInt16(9),
                        reader.GetFieldValue<DateTimeOffset>(10),
                        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                        reader.GetFieldValue<DateTimeOffset>(12),
                        reader.IsDBNull(13) ? null : reader.GetString(13)));
                }
            }

            if (current is not null)
            {
                profiles.Add(Restore(current, row, points));
            }
        }

        return profiles;
    }

    private static BorrowerProfile Restore(string id, (string? Cpr, string? Cvr, string? Culture, string[] OptIns, long Version) row, List<ContactPoint> points)
        => BorrowerProfile.Restore(
            BorrowerId.Parse(id),
            row.Cpr is null ? null : Cpr.Parse(row.Cpr),
            row.Cvr is null ? null : Cvr.Parse(row.Cvr),
            row.Culture,
            points,
            row.OptIns.Select(Protocol.Parse),
            row.Version);

    /// <summary>Truncates the contact points' times to microseconds (what <c>timestamptz</c> holds), so a saved profile is returned as stored.</summary>
    private static BorrowerProfile Normalize(BorrowerProfile profile)
    {
        if (profile.ContactPoints.All(p => Exact(p.AddedAt) && Exact(p.VerificationStartedAt) && (p.VerifiedAt is not { } v || Exact(v))))
        {
            return profile;
        }

        var points = profile.ContactPoints.Select(p => ContactPoint.Restore(p.Kind, p.Value, p.Purpose, p.Source, Truncate(p.AddedAt), p.VerifiedAt is { } v ? Truncate(v) : null, Truncate(p.VerificationStartedAt), p.VerificationTokenHash));
        return BorrowerProfile.Restore(profile.Id, profile.Cpr, profile.Cvr, profile.PreferredCulture, points, profile.OptIns, profile.Version);

        static bool Exact(DateTimeOffset time) => time.UtcTicks % 10 == 0;

        static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
    }

    private static NpgsqlParameter NullableParameter(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };
}
