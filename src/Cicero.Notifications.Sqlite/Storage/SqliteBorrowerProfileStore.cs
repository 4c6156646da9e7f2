using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>
/// <see cref="IBorrowerProfileStore"/> in a SQLite file: one row per profile (CPR/CVR, culture, opt-ins, version) and one
/// row per contact point, written together in a BEGIN IMMEDIATE transaction with a version check.
/// </summary>
internal sealed class SqliteBorrowerProfileStore(SqliteDatabase database) : IBorrowerProfileStore
{
    public async Task<BorrowerProfile?> GetAsync(BorrowerId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: true);
        return Load(connection, transaction, id.Value);
    }

    /// <summary>All of them on one connection, in one read transaction.</summary>
    public async Task<IReadOnlyDictionary<BorrowerId, BorrowerProfile>> GetManyAsync(IReadOnlyCollection<BorrowerId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: true);
        var found = new Dictionary<BorrowerId, BorrowerProfile>(ids.Count);
        foreach (var id in ids)
        {
            if (!found.ContainsKey(id) && Load(connection, transaction, id.Value) is { } profile)
            {
                found.Add(id, profile);
            }
        }

        return found;
    }

    public Task<BorrowerProfile?> TrySaveAsync(BorrowerProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return database.WriteAsync((connection, transaction) => Save(connection, transaction, profile), cancellationToken);
    }

    /// <summary>Saves the profile if its version still matches; nothing is written when it does not.</summary>
    private static BorrowerProfile? Save(SqliteConnection connection, SqliteTransaction transaction, BorrowerProfile profile)
    {
        using (var save = Command(connection, transaction, profile.Version == 0
            ? """
              INSERT INTO borrower_profiles (borrower_id, cpr, cvr, preferred_culture, opt_ins, version)
              VALUES ($id, $cpr, $cvr, $culture, $opt_ins, 1)
              ON CONFLICT (borrower_id) DO NOTHING;
              """
            : """
              UPDATE borrower_profiles SET cpr = $cpr, cvr = $cvr, preferred_culture = $culture, opt_ins = $opt_ins, version = version + 1
              WHERE borrower_id = $id AND version = $version;
              """))
        {
            save.Parameters.AddWithValue("$id", profile.Id.Value);
            save.Parameters.AddWithValue("$cpr", (object?)profile.Cpr?.Value ?? DBNull.Value);
            save.Parameters.AddWithValue("$cvr", (object?)profile.Cvr?.Value ?? DBNull.Value);
            save.Parameters.AddWithValue("$culture", (object?)profile.PreferredCulture ?? DBNull.Value);
            save.Parameters.AddWithValue("$opt_ins", string.Join(',', profile.OptIns.Select(p => p.Name)));
            save.Parameters.AddWithValue("$version", profile.Version);
            if (save.ExecuteNonQuery() != 1)
            {
                return null;
            }
        }

        using (var delete = Command(connection, transaction, "DELETE FROM contact_points WHERE borrower_id = $id;"))
        {
            delete.Parameters.AddWithValue("$id", profile.Id.Value);
            delete.ExecuteNonQuery();
        }

        using (var insert = Command(connection, transaction, """
            INSERT INTO contact_points (borrower_id, ordinal, kind, value, purpose, source, added_at, verified_at, verification_started_at, token_hash)
            VALUES ($id, $ordinal, $kind, $value, $purpose, $source, $added_at, $verified_at, $started_at, $token_hash);
            """))
        {
            var id = insert.Parameters.AddWithValue("$id", profile.Id.Value);
            var ordinal = insert.Parameters.Add("$ordinal", SqliteType.Integer);
            var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
            var value = insert.Parameters.Add("$value", SqliteType.Text);
            var purpose = insert.Parameters.Add("$purpose", SqliteType.Integer);
            var source = insert.Parameters.Add("$source", SqliteType.Integer);
            var addedAt = insert.Parameters.Add("$added_at", SqliteType.Integer);
            var verifiedAt = insert.Parameters.Add("$verified_at", SqliteType.Integer);
            var startedAt = insert.Parameters.Add("$started_at", SqliteType.Integer);
            var tokenHash = insert.Parameters.Add("$token_hash", SqliteType.Text);
            for (var i = 0; i < profile.ContactPoints.Length; i++)
            {
                var point = profile.ContactPoints[i];
                ordinal.Value = i;
                kind.Value = (int)point.Kind;
                value.Value = point.Value;
                purpose.Value = (int)point.Purpose;
                source.Value = (int)point.Source;
                addedAt.Value = point.AddedAt.UtcTicks;
                verifiedAt.Value = point.VerifiedAt?.UtcTicks ?? (object)DBNull.Value;
                startedAt.Value = point.VerificationStartedAt.UtcTicks;
                tokenHash.Value = (object?)point.VerificationTokenHash ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
        }

        return profile.WithVersion(profile.Version + 1);
    }

    public async Task<BorrowerProfile?> FindByVerificationTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: true);
        using var find = Command(connection, transaction, "SELECT borrower_id FROM contact_points WHERE token_hash = $hash LIMIT 1;");
        find.Parameters.AddWithValue("$hash", tokenHash);
        return find.ExecuteScalar() is string id ? Load(connection, transaction, id) : null;
    }

    public async Task<IReadOnlyList<BorrowerProfile>> ListWithExpiredVerificationsAsync(DateTimeOffset startedBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = connection.BeginTransaction(deferred: true);
        var ids = new List<string>();
        using (var find = Command(connection, transaction, """
            SELECT DISTINCT borrower_id FROM contact_points
            WHERE kind = 1 AND purpose = 0 AND verified_at IS NULL AND verification_started_at <= $cut_off
            LIMIT $limit;
            """))
        {
            find.Parameters.AddWithValue("$cut_off", startedBefore.UtcTicks);
            find.Parameters.AddWithValue("$limit", maxCount);
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        return [.. ids.Select(id => Load(connection, transaction, id)).OfType<BorrowerProfile>()];
    }

    private static BorrowerProfile? Load(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        string? cpr, cvr, culture, optIns;
        long version;
        using (var profile = Command(connection, transaction, "SELECT cpr, cvr, preferred_culture, opt_ins, version FROM borrower_profiles WHERE borrower_id = $id;"))
        {
            profile.Parameters.AddWithValue("$id", id);
            using var reader = profile.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            cpr = reader.IsDBNull(0) ? null : reader.GetString(0);
            cvr = reader.IsDBNull(1) ? null : reader.GetString(1);
            culture = reader.IsDBNull(2) ? null : reader.GetString(2);
            optIns = reader.GetString(3);
            version = reader.GetInt64(4);
        }

        var points = new List<ContactPoint>();
        using (var contacts = Command(connection, transaction, """
            SELECT kind, value, purpose, source, added_at, verified_at, verification_started_at, token_hash
            FROM contact_points WHERE borrower_id = $id ORDER BY ordinal;
            """))
        {
            contacts.Parameters.AddWithValue("$id", id);
            using var reader = contacts.ExecuteReader();
            while (reader.Read())
            {
                points.Add(ContactPoint.Restore(
                    (ContactKind)reader.GetInt32(0),
                    reader.GetString(1),
                    (ContactPurpose)reader.GetInt32(2),
                    (ContactSource)reader.GetInt32(3),
                    Time(reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : Time(reader.GetInt64(5)),
                    Time(reader.GetInt64(6)),
                    reader.IsDBNull(7) ? null : reader.GetString(7)));
            }
        }

        return BorrowerProfile.Restore(
            BorrowerId.Parse(id),
            cpr is null ? null : Cpr.Parse(cpr),
            cvr is null ? null : Cvr.Parse(cvr),
            culture,
            points,
            optIns.Length == 0 ? [] : optIns.Split(',').Select(Protocol.Parse),
            version);
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
