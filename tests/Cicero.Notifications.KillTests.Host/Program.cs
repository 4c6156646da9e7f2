using System.Data.Common;

namespace Cicero.Notifications.KillTests.Host;

/// <summary>A child process of the kill test: parses its command line, builds the library and plays its role.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (HostArguments.Parse(args, out var problem) is not { } parsed)
        {
            await Console.Error.WriteLineAsync(problem);
            await Console.Error.WriteAsync(HostArguments.Usage);
            return 2;
        }

        Directory.CreateDirectory(parsed.WorkFolder);
        using var smsLog = new SendLog(parsed.WorkFolder, "sms");
        using var emailLog = new SendLog(parsed.WorkFolder, "email");
        try
        {
            await using var services = KillLibrary.Build(parsed, smsLog, emailLog);
            return await HostRoles.RunAsync(parsed, services);
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException or FormatException or CiceroNotificationsException)
        {
            await Console.Error.WriteLineAsync($"{parsed.Role} failed: {ex}");
            return 1;
        }
    }
}
