namespace Cicero.Notifications;

/// <summary>When and how the nightly jobs run: anonymization of old messages and deletion of expired unverified e-mail addresses.</summary>
public class NightlyOptions
{
    /// <summary>Gets or sets the local time of day (in <see cref="CiceroNotificationsOptions.TimeZone"/>) the nightly jobs run at.</summary>
    /// <value>The default value is 02:00.</value>
    /// <remarks>
    /// On the spring-forward night a time inside the gap (02:00–03:00 in Denmark) does not exist: the jobs run at the
    /// first valid instant after it (03:00). On the fall-back night a time in the repeated hour happens twice: the
    /// jobs run once, at the first.
    /// </remarks>
    public TimeOnly RunAt { get; set; } = new(2, 0);

    /// <summary>Gets or sets how long messages keep their personal content (address, subject, body, template data) before anonymization.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets or sets how many messages or profiles one batch of a nightly job handles, so a run never loads everything into memory.</summary>
    /// <value>The default value is 500.</value>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets a value indicating whether background processing runs the jobs once when the host starts, to catch up
    /// on a night the host was down. The library keeps no record of its last run, so it cannot tell whether a night
    /// was missed; the jobs are idempotent, so a run that was not needed only finds nothing to do.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CatchUpOnStart { get; set; } = true;
}
