using System.Globalization;
using Cicero.Notifications.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>
/// Every table the SQLite store writes stays bounded by the nightly jobs: after sixty simulated days, only the last
/// retention period's idempotency keys and message contents remain, and unverified addresses are gone after three days.
/// Messages themselves stay (anonymized) on the borrower's list, by design.
/// </summary>
public sealed class SqliteGrowthTests(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Sixty_days_leave_only_the_retention_periods_keys_and_contents_and_no_expired_addresses()
    {
        var connectionString = folder.NewDatabase("growth");

        await GrowthScenario.RunAsync(b => b.UseSqliteStore(connectionString));

        var counts = (
            Keys: Count(connectionString, "SELECT count(*) FROM idempotency_keys"),
            Messages: Count(connectionString, "SELECT count(*) FROM messages"),
            WithContent: Count(connectionString, "SELECT count(*) FROM messages WHERE is_anonymized = 0"),
            ContactPoints: Count(connectionString, "SELECT count(*) FROM contact_points"),
            Profiles: Count(connectionString, "SELECT count(*) FROM borrower_profiles"),
            UnmatchedReceipts: Count(connectionString, "SELECT count(*) FROM unmatched_receipts"));
        counts.Should().Be((300L, 660L, 330L, 3L, 1L, 2L),
            "keys and contents of the last 30 days; 600 SMS and 60 verification mails kept; the phone and the 2 addresses added less than 3 days ago; the receipts that never matched of the last 2 days");
    }

    private static long Count(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
