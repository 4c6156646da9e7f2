using Cicero.Notifications.Samples.Console;
using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.Samples.Tests;

/// <summary>Runs the story once, in its own data folder, for all the tests of a class.</summary>
public sealed class LibraryDayFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly StringWriter _output = new();

    internal string DataFolder => _folder.Path;

    internal LibraryDayResult Result { get; private set; } = null!;

    internal string Report => _output.ToString();

    public async Task InitializeAsync() => Result = await Program.TellTheStoryAsync(_folder.Path, _output);

    public Task DisposeAsync()
    {
        _output.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
