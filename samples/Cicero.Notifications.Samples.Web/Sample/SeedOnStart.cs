namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>Seeds the demo data when the host starts (first start only).</summary>
public sealed class SeedOnStart(DemoData data, ILogger<SeedOnStart> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await data.SeedAsync(cancellationToken))
        {
            logger.LogInformation("Seeded the demo borrowers and their messages.");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
