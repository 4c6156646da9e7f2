using System.Data.Common;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Samples.Console.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Samples.Console;

/// <summary>Reads the options, builds the host's services as a real host would, and tells the story.</summary>
internal static class Program
{
    public const string Help = """
        Cicero.Notifications console sample: a day at a Danish public library, on SQLite.

        Usage:
          dotnet run --project samples/Cicero.Notifications.Samples.Console [-- options]

        Options:
          --data <folder>  Where the SQLite database (notifications.db) and the printed message go.
                           Default: ./cicero-sample-data in the working directory; dotnet run works in the
                           project folder, so samples/Cicero.Notifications.Samples.Console/cicero-sample-data.
          --reset          Delete the sample's database and printed messages first, and start over.
          -h, --help       Show this help.

        The story runs on a simulated clock, from Monday 30 November 2026 09:00 (Europe/Copenhagen) to the
        nightly jobs on Thursday 31 December 2026, and takes a second or two. The database is kept: run the
        sample again and it adds a new set of borrowers (L-101 ... L-107 on the first run, L-201 ... on the
        second, and so on) next to the earlier ones, whose messages are still in the file. --reset starts
        over from L-101.

        Exit codes: 0 done; 1 the data folder or database could not be used; 2 unknown option.

        """;

    public static Task<int> Main(string[] args) => RunAsync(args, System.Console.Out, System.Console.Error);

    /// <summary>The whole program with its output streams, so a test can run it in process.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var (dataFolder, reset, help, problem) = Parse(args);
        if (problem is not null)
        {
            await error.WriteLineAsync($"{problem} Run with --help to see the options.");
            return 2;
        }

        if (help)
        {
            await output.WriteAsync(Help);
            return 0;
        }

        try
        {
            if (reset)
            {
                SampleData.Reset(dataFolder);
            }

            await TellTheStoryAsync(dataFolder, output);
            return 0;
        }
        catch (Exception ex) when (IsDataFolderTrouble(ex))
        {
            // Expected trouble (a read-only folder, a file in use, a database from a newer version): say what, no stack trace.
            await error.WriteLineAsync($"The sample could not use its data folder {Path.GetFullPath(dataFolder)}: {ex.Message}");
            await error.WriteLineAsync("Try --reset, or --data <another folder>.");
            return 1;
        }
    }

    /// <summary>
    /// A read-only folder, a file where the folder should be, a database from a newer version — directly, or as the
    /// cause of the SQLite store's start-up error (which names the store and the path).
    /// </summary>
    private static bool IsDataFolderTrouble(Exception ex) => ex switch
    {
        IOException or UnauthorizedAccessException or DbException => true,
        InvalidOperationException { InnerException: { } inner } => IsDataFolderTrouble(inner),
        _ => false,
    };

    /// <summary>Builds the services on a simulated clock and runs the story once.</summary>
    public static async Task<LibraryDayResult> TellTheStoryAsync(string dataFolder, TextWriter output, CancellationToken cancellationToken = default)
    {
        var clock = new SimulatedClock(LibraryDay.Start, SimulatedClock.Copenhagen());
        await using var services = BuildServices(dataFolder, clock);
        return await LibraryDay.RunAsync(services, clock, output, dataFolder, cancellationToken);
    }

    /// <summary>The registration a host writes: options, channels, Digital Post, the SQLite store — and the clock.</summary>
    public static ServiceProvider BuildServices(string dataFolder, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock); // before AddCiceroNotifications, which otherwise adds TimeProvider.System
        services.AddSingleton<ChannelLog>();
        services.AddCiceroNotifications(LibrarySetup.Configure)
            .AddChannel<ConsoleSmsChannel>(Protocol.Sms)
            .AddChannel<ConsoleEmailChannel>(Protocol.Email)
            .AddDigitalPost<ConsoleDigitalPostTransport>(d => d.SenderCvr = LibrarySetup.LibraryCvr)
            .UseSqliteStore(SampleData.ConnectionString(dataFolder));

        // No AddBackgroundProcessing(): the story calls the dispatcher and the nightly jobs itself, at the times it chooses.
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // What a generic host does at start: a bad setup fails here, not at the first notice.
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    private static (string DataFolder, bool Reset, bool Help, string? Problem) Parse(IReadOnlyList<string> args)
    {
        var (dataFolder, reset, help) = (SampleData.DefaultFolder, false, false);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--reset":
                    reset = true;
                    break;
                case "-h" or "--help" or "-?" or "/?":
                    help = true;
                    break;
                case "--data" when i + 1 < args.Count && !args[i + 1].StartsWith('-'):
                    dataFolder = args[++i];
                    break;
                case "--data":
                    return (dataFolder, reset, help, "--data needs a folder.");
                case var other when other.StartsWith("--data=", StringComparison.Ordinal) && other.Length > "--data=".Length:
                    dataFolder = other["--data=".Length..];
                    break;
                default:
                    return (dataFolder, reset, help, $"Unknown option '{args[i]}'.");
            }
        }

        return (dataFolder, reset, help, null);
    }
}
