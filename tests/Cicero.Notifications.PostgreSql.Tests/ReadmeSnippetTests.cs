using Cicero.Notifications.PostgreSql.Storage;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cicero.Notifications.PostgreSql.Tests;

/// <summary>Keeps the README's PostgreSQL snippets compiling and doing what they say (nothing connects until first use).</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public async Task The_readme_snippet_stores_messages_in_postgresql()
    {
        var services = new ServiceCollection();

        // README: PostgreSQL store
        services.AddCiceroNotifications(o => o.LibraryName = "Eksempelby Bibliotek")
            .UsePostgreSqlStore("Host=db;Database=cicero;Username=cicero;Password=secret;Search Path=notifications")
            .AddBackgroundProcessing();

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IMessageStore>().Should().BeOfType<PostgreSqlMessageStore>();
    }

    [Fact]
    public async Task The_readme_snippet_with_a_data_source_stores_messages_in_postgresql()
    {
        var services = new ServiceCollection();

        // README: PostgreSQL store with the host's data source
        await using var dataSource = new NpgsqlDataSourceBuilder("Host=db;Database=cicero;Username=cicero;Password=secret").Build();
        services.AddCiceroNotifications(o => o.LibraryName = "Eksempelby Bibliotek")
            .UsePostgreSqlStore(dataSource);

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IMessageStore>().Should().BeOfType<PostgreSqlMessageStore>();
    }
}
