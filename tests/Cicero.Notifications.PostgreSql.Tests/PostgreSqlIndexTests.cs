using Cicero.Notifications.PostgreSql.Storage;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.TestSupport;
using Npgsql;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>
/// The store's queries can be served by its indexes: with sequential scans priced out, PostgreSQL's plan names the index
/// (tables this small would otherwise be scanned).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlIndexTests(PostgresServer server)
{
    public static TheoryData<string, string> Queries => new()
    {
        { "SELECT id FROM messages WHERE borrower_id = 'b' AND (created_at, id) < (now(), gen_random_uuid()) ORDER BY created_at DESC, id DESC LIMIT 51", "ix_messages_borrower" },
        { "SELECT id FROM messages WHERE status = 2 AND NOT is_dismissed AND (created_at, id) > (now(), gen_random_uuid()) ORDER BY created_at, id LIMIT 51", "ix_messages_queue" },
        { "SELECT id FROM messages WHERE status = 0 AND NOT is_held AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until <= now()) ORDER BY next_attempt_at, id LIMIT 100 FOR UPDATE SKIP LOCKED", "ix_messages_due" },
        { "SELECT id FROM messages WHERE NOT is_anonymized AND status <> 0 AND created_at < now() ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED", "ix_messages_anonymize" },
        { "SELECT borrower_id FROM contact_points WHERE token_hash = 'abc' LIMIT 1", "ix_contact_points_token" },
        { "SELECT DISTINCT borrower_id FROM contact_points WHERE kind = 1 AND purpose = 0 AND verified_at IS NULL AND verification_started_at <= now() LIMIT 100", "ix_contact_points_awaiting" },
        { "SELECT message_ids FROM idempotency_keys WHERE key = 'k'", "idempotency_keys_pkey" },
        { "SELECT key FROM idempotency_keys WHERE created_at < now() ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED", "ix_idempotency_keys_created" },
        { "SELECT id FROM messages WHERE provider_message_id = 'gw-1' AND lower(protocol) = lower('Sms') ORDER BY changed_at DESC LIMIT 1", "ix_messages_provider" },
        { "SELECT ctid FROM unmatched_receipts WHERE received_at < now() ORDER BY received_at LIMIT 500 FOR UPDATE SKIP LOCKED", "ix_unmatched_receipts_received" },
        { "SELECT DISTINCT borrower_id COLLATE \"C\" AS borrower_id FROM messages WHERE is_held AND ('a'::text IS NULL OR borrower_id COLLATE \"C\" > 'a'::text COLLATE \"C\") ORDER BY 1 LIMIT 500", "ix_messages_held" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_store_query_uses_its_index(string query, string index)
    {
        await using var database = new PostgreSqlDatabase(NpgsqlDataSource.Create(await server.NewSchemaAsync()), ownsDataSource: true);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + query, connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        string.Join(" | ", plan).Should().Contain(index);
    }
}
