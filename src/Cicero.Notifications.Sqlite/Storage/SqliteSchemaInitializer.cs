using Microsoft.Extensions.Hosting;

namespace Cicero.Notifications.Sqlite.Storage;

/// <summary>Creates or upgrades the schema when the host starts, so a bad path or an unknown schema version fails at start-up rather than at the first message.</summary>
internal sealed class SqliteSchemaInitializer(SqliteDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
