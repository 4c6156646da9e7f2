using System.Collections.Concurrent;
using Cicero.Notifications.Sending;

namespace Cicero.Notifications.Tests.Sending;

public sealed class InlineParallelTests
{
    private static readonly int[] Ten = [.. Enumerable.Range(0, 10)];
    private static readonly AsyncLocal<int> Marker = new();

    [Fact]
    public async Task The_first_body_runs_on_the_calling_thread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var threads = new ConcurrentQueue<int>();

        await InlineParallel.ForEachAsync(Ten, 8, CancellationToken.None, (_, _) =>
        {
            threads.Enqueue(Environment.CurrentManagedThreadId);
            return ValueTask.CompletedTask;
        });

        // Only the first is certain: a pause of a millisecond or more (a busy machine) may let a second worker start.
        threads.First().Should().Be(caller);
    }

    [Fact]
    public async Task Bodies_run_without_the_callers_synchronization_context()
    {
        var seen = new ConcurrentBag<SynchronizationContext?>();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
        Task run;
        try
        {
            run = InlineParallel.ForEachAsync(Ten, 8, CancellationToken.None, (_, _) =>
            {
                seen.Add(SynchronizationContext.Current);
                return ValueTask.CompletedTask;
            });
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        await run;

        seen.Should().HaveCount(10).And.OnlyContain(context => context == null);
    }

    [Fact]
    public async Task What_a_body_sets_in_the_execution_context_does_not_reach_the_next_body()
    {
        var seen = new ConcurrentQueue<int>();

        await InlineParallel.ForEachAsync(Ten, 1, CancellationToken.None, (item, _) =>
        {
            seen.Enqueue(Marker.Value);
            Marker.Value = item + 1;
            return ValueTask.CompletedTask;
        });

        seen.Should().HaveCount(10).And.OnlyContain(value => value == 0);
    }

    [Fact]
    public async Task Every_item_runs_exactly_once_when_bodies_wait()
    {
        var items = Enumerable.Range(0, 200).ToArray();
        var seen = new ConcurrentBag<int>();

        await InlineParallel.ForEachAsync(items, 4, CancellationToken.None, async (item, _) =>
        {
            await Task.Yield();
            seen.Add(item);
        });

        seen.Order().Should().Equal(items);
    }

    [Fact]
    public async Task Waiting_bodies_reach_but_never_exceed_the_maximum()
    {
        var gate = new Gate(signalAt: 3);

        var run = InlineParallel.ForEachAsync(Ten, 3, CancellationToken.None, (_, _) => new ValueTask(gate.WaitAsync()));
        await gate.Reached;
        gate.Open();
        await run;

        gate.MaxWaiting.Should().Be(3);
    }

    [Fact]
    public async Task A_body_that_holds_its_thread_lets_another_worker_start()
    {
        var holder = new ThreadHolder();

        await InlineParallel.ForEachAsync(Ten, 2, CancellationToken.None, (_, _) =>
        {
            holder.Hold();
            return ValueTask.CompletedTask;
        });

        holder.MaxHeld.Should().Be(2, "a body held its thread past the threshold, so a second worker took the next items");
    }

    [Fact]
    public async Task A_body_exception_surfaces_from_the_run()
    {
        var act = () => InlineParallel.ForEachAsync(Ten, 2, CancellationToken.None, (item, _) =>
            item == 3 ? throw new InvalidOperationException("item 3") : ValueTask.CompletedTask);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("item 3");
    }

    [Fact]
    public async Task No_item_is_taken_after_a_body_throws()
    {
        var seen = new ConcurrentQueue<int>();

        var run = InlineParallel.ForEachAsync(Ten, 1, CancellationToken.None, (item, _) =>
        {
            seen.Enqueue(item);
            return item == 2 ? throw new InvalidOperationException("item 2") : ValueTask.CompletedTask;
        });
        await run.ContinueWith(_ => { }, TaskScheduler.Default);

        seen.Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task A_body_exception_cancels_the_token_of_bodies_in_flight()
    {
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = false;

        var run = InlineParallel.ForEachAsync([0, 1], 2, CancellationToken.None, async (item, token) =>
        {
            if (item == 1)
            {
                await waiting.Task;
                throw new InvalidOperationException("item 1");
            }

            var parked = Task.Delay(Timeout.Infinite, token);
            waiting.SetResult();
            try
            {
                await parked;
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
        });
        await run.ContinueWith(_ => { }, TaskScheduler.Default);

        cancelled.Should().BeTrue();
    }

    [Fact]
    public async Task Cancelling_stops_the_taking_of_items()
    {
        using var cancellation = new CancellationTokenSource();
        var seen = new ConcurrentQueue<int>();

        var run = InlineParallel.ForEachAsync(Ten, 1, cancellation.Token, (item, _) =>
        {
            seen.Enqueue(item);
            if (item == 1)
            {
                cancellation.Cancel();
            }

            return ValueTask.CompletedTask;
        });
        await run.ContinueWith(_ => { }, TaskScheduler.Default);

        seen.Should().Equal(0, 1);
    }

    [Fact]
    public async Task Cancelled_run_ends_cancelled()
    {
        using var cancellation = new CancellationTokenSource();

        var act = () => InlineParallel.ForEachAsync(Ten, 2, cancellation.Token, (item, _) =>
        {
            if (item == 1)
            {
                cancellation.Cancel();
            }

            return ValueTask.CompletedTask;
        });

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Maximum_of_zero_or_below_minus_one_is_refused(int maxParallelism)
    {
        Action act = () => _ = InlineParallel.ForEachAsync(Ten, maxParallelism, CancellationToken.None, (_, _) => ValueTask.CompletedTask);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxParallelism");
    }

    /// <summary>Bodies that wait for <see cref="Open"/>; counts how many wait at once.</summary>
    private sealed class Gate(int signalAt)
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private int _waiting;

        public int MaxWaiting { get; private set; }

        public Task Reached => _reached.Task;

        public void Open() => _gate.TrySetResult();

        public async Task WaitAsync()
        {
            lock (_lock)
            {
                _waiting++;
                MaxWaiting = Math.Max(MaxWaiting, _waiting);
                if (_waiting >= signalAt)
                {
                    _reached.TrySetResult();
                }
            }

            await _gate.Task;
            lock (_lock)
            {
                _waiting--;
            }
        }
    }
}
