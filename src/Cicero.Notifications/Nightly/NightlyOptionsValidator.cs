using Cicero.Notifications.Configuration;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Nightly;

/// <summary>At start-up: the retention period and batch size make sense.</summary>
internal sealed class NightlyOptionsValidator : IValidateOptions<CiceroNotificationsOptions>
{
    public const int MaxBatchSize = 10_000;

    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var nightly = options.Nightly;
        var failures = new List<string>();
        if (nightly.RetentionPeriod <= TimeSpan.Zero)
        {
            failures.Add($"Nightly.RetentionPeriod must be positive, not {nightly.RetentionPeriod}.");
        }

        if (nightly.BatchSize is < 1 or > MaxBatchSize)
        {
            failures.Add($"Nightly.BatchSize must be 1–{MaxBatchSize}, not {nightly.BatchSize}.");
        }

        if (options.Receipts.UnmatchedRetention <= TimeSpan.Zero)
        {
            failures.Add($"Receipts.UnmatchedRetention must be positive, not {options.Receipts.UnmatchedRetention}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
