using System.Globalization;

namespace Cicero.Notifications.Benchmarks;

/// <summary>Describes the machine's load, printed next to wall-clock figures: on a shared machine they compare only within one run.</summary>
internal static class MachineLoad
{
    public static string Describe()
    {
        const string loadAverage = "/proc/loadavg";
        var load = File.Exists(loadAverage) ? ", load average " + File.ReadAllText(loadAverage).Split(' ')[0] : "";
        return string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores{load}; wall-clock figures compare within one run");
    }
}
