using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.TestSupport;
using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>The store's queries are served by its indexes (SQLite's query plan names the index), not by table scans.</summary>
public sealed class SqliteIndexTests(TempFolder folder) : IClassFixture<TempFolder>
{
    public static TheoryData<string, string> Queries => new()
    {
        { "SELECT id FROM messages WHERE borrower_id = 'b' AND (created_at, id) < (1, x'00') ORDER BY created_at DESC, id DESC LIMIT 51", "ix_messages_borrower" },
        { "SELECT id FROM messages WHERE status = 2 AND is_dismissed = 0 AND (created_at, id) > (1, x'00') ORDER BY created_at, id LIMIT 51", "ix_messages_queue" },
        { "SELECT id FROM messages WHERE status = 0 AND is_held = 0 AND next_attempt_at <= 5 AND (lease_until IS NULL OR lease_until <= 5) ORDER BY next_attempt_at, id LIMIT 100", "ix_messages_due" },
        { "SELECT id FROM messages WHERE is_anonymized = 0 AND status <> 0 AND created_at < 5 ORDER BY created_at LIMIT 500", "ix_messages_anonymize" },
        { "SELECT borrower_id FROM contact_points WHERE token_hash = 'abc' LIMIT 1", "ix_contact_points_token" },
        { "SELECT DISTINCT borrower_id FROM contact_points WHERE kind = 1 AND purpose = 0 AND verified_at IS NULL AND verification_started_at <= 5 LIMIT 100", "ix_contact_points_awaiting" },
        { "SELECT message_ids FROM idempotency_keys WHERE key = 'k'", "sqlite_autoindex_idempotency_keys_1" },
        { "SELECT key FROM idempotency_keys WHERE created_at < 5 ORDER BY created_at LIMIT 500", "ix_idempotency_keys_created" },
        { "SELECT id FROM messages WHERE provider_message_id = 'gw-1' AND protocol = 'Sms' COLLATE NOCASE ORDER BY changed_at DESC LIMIT 1", "ix_messages_provider" },
        { "SELECT protocol FROM unmatched_receipts WHERE received_at < 5 ORDER BY received_at LIMIT 500", "ix_unmatched_receipts_received" },
        { "SELECT DISTINCT borrower_id FROM messages WHERE is_held = 1 AND ('a' IS NULL OR borrower_id > 'a') ORDER BY borrower_id LIMIT 500", "ix_messages_held" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_store_query_uses_its_index(string query, string index)
    {
        var database = new SqliteDatabase(folder.NewDatabase());
        using var connection = await database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;

        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        string.Join(" | ", plan).Should().Contain(index);
    }
}
