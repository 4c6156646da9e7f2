using System.Reflection;
using System.Runtime.ExceptionServices;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>
/// The in-memory store behind a proxy with two hooks on <see cref="IMessageStore.GetAsync"/> for concurrency tests: hold
/// reads until several callers have read (so they all act on the same version), or make a change "behind the service's
/// back" right after a read. Every other call goes straight to the in-memory store.
/// </summary>
internal class InterceptingMessageStore : DispatchProxy
{
    private readonly TaskCompletionSource _allRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InMemoryMessageStore _inner = null!;
    private int _reads;
    private int _holdReadsUntil;

    /// <summary>Gets or sets a change made by someone else right after the next read.</summary>
    public Func<Message, Task>? AfterNextRead { get; set; }

    /// <summary>Gets the store to register: every call but reads goes straight to the in-memory store.</summary>
    public IMessageStore Store => (IMessageStore)this;

    public static InterceptingMessageStore Create()
    {
        var proxy = (InterceptingMessageStore)(object)Create<IMessageStore, InterceptingMessageStore>();
        proxy._inner = new InMemoryMessageStore();
        return proxy;
    }

    /// <summary>Holds every read until <paramref name="readers"/> reads have happened.</summary>
    public void HoldReadsUntil(int readers) => _holdReadsUntil = readers;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IMessageStore.GetAsync))
        {
            return GetAsync((MessageId)args![0]!, (CancellationToken)args[1]!);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private async Task<Message?> GetAsync(MessageId id, CancellationToken cancellationToken)
    {
        var message = await _inner.GetAsync(id, cancellationToken);
        if (message is not null && AfterNextRead is { } change)
        {
            AfterNextRead = null;
            await change(message);
        }

        if (_holdReadsUntil > 0)
        {
            if (Interlocked.Increment(ref _reads) == _holdReadsUntil)
            {
                _allRead.TrySetResult();
            }

            // A guard against a hang if the test is wrong, not a timed assertion.
            await _allRead.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return message;
    }
}
