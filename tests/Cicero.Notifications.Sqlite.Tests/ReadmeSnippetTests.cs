using Cicero.Notifications.Sqlite.Storage;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Sqlite.Tests;

/// <summary>Keeps the README's SQLite snippet compiling and doing what it says.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void The_readme_snippet_stores_messages_in_sqlite()
    {
        var services = new ServiceCollection();

        // README: SQLite store
        services.AddCiceroNotifications(o => o.LibraryName = "Eksempelby Bibliotek")
            .UseSqliteStore("Data Source=data/notifications.db")
            .AddBackgroundProcessing();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IMessageStore>().Should().BeOfType<SqliteMessageStore>();
    }
}
