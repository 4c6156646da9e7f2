using Cicero.Notifications.Storage;
using CsCheck;

namespace Cicero.Notifications.Tests.Storage;

/// <summary>The in-memory store's segmented queue behaves as a plain queue across its segments.</summary>
public sealed class SegmentedQueueTests
{
    [Fact]
    public void Items_come_out_in_the_order_they_went_in_across_segments()
    {
        var queue = new SegmentedQueue<int>();
        var count = (SegmentedQueue<int>.SegmentSize * 3) + 7;
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(i);
        }

        var taken = new List<int>();
        while (queue.TryPeek(out var first))
        {
            queue.Dequeue().Should().Be(first);
            taken.Add(first);
        }

        taken.Should().Equal(Enumerable.Range(0, count));
        queue.Count.Should().Be(0);
    }

    [Fact]
    public void An_empty_queue_refuses_to_dequeue()
    {
        var queue = new SegmentedQueue<string>();
        queue.Enqueue("a");
        queue.Dequeue();

        queue.TryPeek(out _).Should().BeFalse();
        queue.Invoking(q => q.Dequeue()).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Any_mix_of_operations_matches_a_plain_queue()
    {
        // Runs of enqueues and dequeues long enough to cross, empty and reuse segments.
        var operation = Gen.Frequency((3, Gen.Int[1, 2500].Select(n => n)), (2, Gen.Int[1, 2500].Select(n => -n)), (1, Gen.Const(0)));
        operation.Array[1, 12].Sample(operations =>
        {
            var queue = new SegmentedQueue<int>();
            var model = new Queue<int>();
            var next = 0;
            foreach (var op in operations)
            {
                if (op == 0)
                {
                    queue.TrimExcess();
                }

                for (var i = 0; i < op; i++)
                {
                    queue.Enqueue(next);
                    model.Enqueue(next++);
                }

                for (var i = 0; i < -op && model.Count > 0; i++)
                {
                    queue.Dequeue().Should().Be(model.Dequeue());
                }

                queue.Count.Should().Be(model.Count);
                queue.TryPeek(out var head).Should().Be(model.TryPeek(out var expected));
                head.Should().Be(expected);
            }
        }, iter: 300);
    }
}
