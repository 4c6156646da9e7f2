using System.Globalization;
using Cicero.Notifications.PostgreSql.Tests.Support;
using Cicero.Notifications.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>
/// Every table the PostgreSQL store writes stays bounded by the nightly jobs: after sixty simulated days, only the last
/// retention period's idempotency keys and message contents remain, and unverified addresses are gone after three days.
/// Messages themselves stay (anonymized) on the borrower's list, by design.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlGrowthTests(PostgresServer server)
{
    [Fact]
    public async Task Sixty_days_leave_only_the_retention_periods_keys_and_contents_and_no_expired_addresses()
    {
        var connectionString = await server.NewSchemaAsync();

        await GrowthScenario.RunAsync(b => b.UsePostgreSqlStore(connectionString));

        var counts = (
            Keys: await CountAsync(connectionString, "SELECT count(*) FROM idempotency_keys"),
            Messages: await CountAsync(connectionString, "SELECT count(*) FROM messages"),
            WithContent: await CountAsync(connectionString, "SELECT count(*) FROM messages WHERE NOT is_anonymized"),
            ContactPoints: await CountAsync(connectionString, "SELECT count(*) FROM contact_points"),
            Profiles: await CountAsync(connectionString, "SELECT count(*) FROM borrower_profiles"),
            UnmatchedReceipts: await CountAsync(connectionString, "SELECT count(*) FROM unmatched_receipts"));
        counts.Should().Be((300L, 660L, 330L, 3L, 1L, 2L),
            "keys and contents of the last 30 days; 600 SMS and 60 verification mails kept; the phone and the 2 addresses added less than 3 days ago; the receipts that never matched of the last 2 days");
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
