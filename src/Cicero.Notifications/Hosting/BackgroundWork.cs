namespace Cicero.Notifications;

/// <summary>What <c>AddBackgroundProcessing</c> runs in the host.</summary>
[Flags]
public enum BackgroundWork
{
    /// <summary>Dispatch due messages every <see cref="DispatchOptions.Interval"/>.</summary>
    Dispatch = 1,

    /// <summary>Run the nightly jobs (anonymization, expired e-mail addresses, held messages, old idempotency keys) at <c>Nightly.RunAt</c>.</summary>
    NightlyJobs = 2,

    /// <summary>Both: the usual choice for a single host.</summary>
    All = Dispatch | NightlyJobs,
}
