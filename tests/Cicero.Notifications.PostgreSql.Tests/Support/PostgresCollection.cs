using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.PostgreSql.Tests.Support;

/// <summary>Every PostgreSQL test class shares one server (and runs in this collection).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
