using System.Diagnostics;

namespace Cicero.Notifications.Sending;

/// <summary>
/// Runs an asynchronous body over the items of a list with at most a given number of bodies in flight — the contract of
/// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// — but starting on the calling thread and adding workers only when they help.
/// </summary>
/// <remarks>
/// <para>The calling thread is the first worker. It takes items one by one (a shared index, advanced with
/// <see cref="Interlocked.Increment(ref int)"/>) and runs each body inline. A further worker is queued to the thread pool
/// only when a body did not complete synchronously (the worker now waits: another can take the next item) or when a body
/// completed synchronously but held the thread for <see cref="SlowBody"/> or longer (it blocks: a channel doing synchronous
/// I/O must not serialize the batch). So a batch of fast synchronous bodies runs on one thread with no thread-pool hop and
/// no contention, while waiting or blocking bodies still get up to the maximum at once (each slow body lets one more
/// worker start, so workers double until the maximum).</para>
/// <para>As with <c>Parallel.ForEachAsync</c>: each body gets a token that is cancelled when the caller's token is or when a
/// body throws; workers stop taking items once it is cancelled; the operation ends when every started body has ended, and
/// is then cancelled when the caller's token was cancelled, else faulted with the first body exception, if any. Workers
/// run in the execution context of the call, without its synchronization context; what a body changes in the execution
/// context does not reach the next body.</para>
/// </remarks>
internal static class InlineParallel
{
    /// <summary>How long a synchronously completed body may hold its thread before another worker is started.</summary>
    public static readonly TimeSpan SlowBody = TimeSpan.FromMilliseconds(1);

    private static readonly long SlowBodyTicks = (long)(SlowBody.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Runs <paramref name="body"/> once for each item, at most <paramref name="maxParallelism"/> at once.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="maxParallelism">The most bodies in flight at once; -1 for <see cref="Environment.ProcessorCount"/>.</param>
    /// <param name="cancellationToken">Stops the taking of further items.</param>
    /// <param name="body">The body.</param>
    /// <returns>A task that completes when every started body has ended; cancelled or faulted as described above.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxParallelism"/> is 0 or less than -1.</exception>
    public static Task ForEachAsync<T>(IReadOnlyList<T> items, int maxParallelism, CancellationToken cancellationToken, Func<T, CancellationToken, ValueTask> body)
    {
        if (maxParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxParallelism), maxParallelism, "Use a positive number, or -1 for one per processor.");
        }

        var run = new Run<T>(items, maxParallelism == -1 ? Environment.ProcessorCount : maxParallelism, cancellationToken, body);

        // Bodies run as on the thread pool: without the caller's synchronization context, which a body's awaits would capture.
        var context = SynchronizationContext.Current;
        Task inline;
        if (context is null)
        {
            inline = run.WorkAsync();
        }
        else
        {
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                inline = run.WorkAsync();
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        return inline.IsCompletedSuccessfully && run.Helpers is null ? run.Finish() : run.FinishAsync(inline);
    }

    /// <summary>The state one call shares between its workers.</summary>
    private sealed class Run<T> : IThreadPoolWorkItem
    {
        private readonly IReadOnlyList<T> _items;
        private readonly int _maxWorkers;
        private readonly CancellationToken _external;
        private readonly Func<T, CancellationToken, ValueTask> _body;
        private readonly CancellationTokenSource _cancellation;
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private int _next = -1;
        private int _workers = 1;
        private Exception? _failure;
        private TaskCompletionSource? _helpers;

        public Run(IReadOnlyList<T> items, int maxWorkers, CancellationToken external, Func<T, CancellationToken, ValueTask> body)
        {
            _items = items;
            _maxWorkers = maxWorkers;
            _external = external;
            _body = body;
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(external);
        }

        /// <summary>Gets a task that completes when the last worker ends, once a second worker was started; else <see langword="null"/>.</summary>
        public TaskCompletionSource? Helpers => Volatile.Read(ref _helpers);

        /// <summary>One worker: takes items until none are left or the run is cancelled.</summary>
        /// <returns>A task that completes when this worker ends; it never faults.</returns>
        public async Task WorkAsync()
        {
            try
            {
                var token = _cancellation.Token;
                var context = ExecutionContext.Capture();
                var started = Stopwatch.GetTimestamp();
                while (!token.IsCancellationRequested)
                {
                    var index = Interlocked.Increment(ref _next);
                    if (index >= _items.Count)
                    {
                        break;
                    }

                    var pending = _body(_items[index], token);

                    // What a body changed in the execution context (an AsyncLocal, Activity.Current) stays with that body.
                    if (context is not null && !ReferenceEquals(ExecutionContext.Capture(), context))
                    {
                        ExecutionContext.Restore(context);
                    }

                    if (pending.IsCompleted)
                    {
                        pending.GetAwaiter().GetResult();
                        var ended = Stopwatch.GetTimestamp();
                        if (ended - started >= SlowBodyTicks)
                        {
                            TryAddWorker();
                        }

                        started = ended;
                    }
                    else
                    {
                        TryAddWorker();
                        await pending.ConfigureAwait(false);
                        started = Stopwatch.GetTimestamp();
                    }
                }
            }
#pragma warning disable CA1031 // Recorded and rethrown by Finish once every worker has ended, as Parallel.ForEachAsync does.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref _failure, ex, null);
                try
                {
                    _cancellation.Cancel();
                }
                catch (AggregateException)
                {
                    // A callback on a body's token failed; as with Parallel.ForEachAsync, the body's exception is the one reported.
                }
            }
            finally
            {
                if (Interlocked.Decrement(ref _workers) == 0)
                {
                    Volatile.Read(ref _helpers)?.TrySetResult();
                }
            }
        }

        /// <summary>Waits for the inline worker, then for any other, and finishes.</summary>
        /// <param name="inline">The inline worker.</param>
        /// <returns>A task that completes when every worker has ended.</returns>
        public async Task FinishAsync(Task inline)
        {
            await inline.ConfigureAwait(false);

            // Read after the inline worker ended: only a running worker starts another, so null means none ever ran.
            if (Helpers is { } helpers)
            {
                await helpers.Task.ConfigureAwait(false);
            }

            await Finish().ConfigureAwait(false);
        }

        /// <summary>Ends the run once every worker has ended: cancelled (the caller's token wins), failed or done.</summary>
        /// <returns>A completed, cancelled or faulted task.</returns>
        public Task Finish()
        {
            _cancellation.Dispose();
            if (_external.IsCancellationRequested)
            {
                return Task.FromCanceled(_external);
            }

            return _failure is { } failure ? Task.FromException(failure) : Task.CompletedTask;
        }

        void IThreadPoolWorkItem.Execute()
        {
            if (_context is null)
            {
                _ = WorkAsync();
            }
            else
            {
                ExecutionContext.Run(_context, static state => _ = ((Run<T>)state!).WorkAsync(), this);
            }
        }

        /// <summary>Queues one more worker when items are left and the maximum allows it.</summary>
        private void TryAddWorker()
        {
            if (Volatile.Read(ref _next) >= _items.Count - 1 || _cancellation.IsCancellationRequested)
            {
                return;
            }

            var workers = Volatile.Read(ref _workers);
            while (true)
            {
                if (workers >= _maxWorkers)
                {
                    return;
                }

                var seen = Interlocked.CompareExchange(ref _workers, workers + 1, workers);
                if (seen == workers)
                {
                    break;
                }

                workers = seen;
            }

            // Set before the new worker runs and while this one still counts, so the last worker to end always sees it.
            if (Volatile.Read(ref _helpers) is null)
            {
                Interlocked.CompareExchange(ref _helpers, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
            }

            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
