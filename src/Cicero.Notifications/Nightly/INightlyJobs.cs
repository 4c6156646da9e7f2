namespace Cicero.Notifications;

/// <summary>
/// The nightly jobs: anonymize old messages and delete e-mail addresses not verified in time.
/// <c>AddBackgroundProcessing</c> runs them at <see cref="NightlyOptions.RunAt"/>; hosts with their own scheduler call
/// <see cref="RunAsync"/> themselves. Thread-safe, idempotent, batched.
/// </summary>
public interface INightlyJobs
{
    /// <summary>
    /// Runs both jobs once: (1) deletes manually added e-mail addresses whose verification window ran out, moving the
    /// messages held for them to the type's alternative protocol or making them MissingContactInfo; (2) removes the personal
    /// content of messages created more than <see cref="NightlyOptions.RetentionPeriod"/> ago that are no longer Pending.
    /// Works in batches of <see cref="NightlyOptions.BatchSize"/>; a second run right after finds nothing to do.
    /// </summary>
    /// <param name="cancellationToken">Stops the run between batches.</param>
    /// <returns>What the run did.</returns>
    Task<NightlyRunResult> RunAsync(CancellationToken cancellationToken = default);
}
