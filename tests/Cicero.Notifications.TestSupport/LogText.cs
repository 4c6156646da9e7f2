using Microsoft.Extensions.Logging.Testing;

namespace Cicero.Notifications.TestSupport;

/// <summary>Everything a <see cref="FakeLogCollector"/> collected, as one text: for checks that no personal data or secret was logged.</summary>
public static class LogText
{
    /// <summary>Returns one line per record: category, level, event id, message, structured values and exception.</summary>
    public static string Of(FakeLogCollector logs) => string.Join("\n", logs.GetSnapshot().Select(r =>
        $"{r.Category} {r.Level} {r.Id} {r.Message} {string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? [])} {r.Exception}"));
}
