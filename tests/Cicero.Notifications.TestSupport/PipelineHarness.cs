using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.TestSupport;

/// <summary>
/// What a channel package's harness shares: the real pipeline in a service provider with a <see cref="FakeTimeProvider"/>
/// and a log collector for every category at Trace. The derived harness adds its fake server and channel.
/// </summary>
public abstract class PipelineHarness : IAsyncDisposable
{
    protected PipelineHarness(ServiceProvider services, FakeTimeProvider time, FakeLogCollector logs)
    {
        Services = services;
        Time = time;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public INotifier Notifier => Services.GetRequiredService<INotifier>();

    public IMessageDispatcher Dispatcher => Services.GetRequiredService<IMessageDispatcher>();

    public IMessageStore Messages => Services.GetRequiredService<IMessageStore>();

    /// <summary>Returns services with <paramref name="time"/> as the clock and <paramref name="logs"/> collecting every category at Trace.</summary>
    protected static ServiceCollection NewServices(FakeTimeProvider time, FakeLogCollector logs)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        return services;
    }

    public async Task<Message> ReloadAsync(Message message) => (await Messages.GetAsync(message.Id))!;

    /// <summary>Everything logged, as text: messages, structured values and exceptions.</summary>
    public string AllLogText() => string.Join("\n", Logs.GetSnapshot().Select(r =>
        $"{r.Category} {r.Level} {r.Id} {r.Message} {string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? [])} {r.Exception}"));

    public virtual async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
