namespace Cicero.Notifications.KillTests.Host;

/// <summary>The store the children share.</summary>
internal enum StoreKind
{
    /// <summary>One SQLite file (<c>UseSqliteStore</c>).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>UsePostgreSqlStore</c>).</summary>
    PostgreSql,
}
