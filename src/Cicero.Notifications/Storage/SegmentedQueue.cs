using System.Runtime.CompilerServices;

namespace Cicero.Notifications.Storage;

/// <summary>
/// A first-in, first-out queue kept in fixed-size segments: it grows by adding a segment, never by copying into a larger
/// array, so a queue of tens of thousands of items never allocates (and zeroes) a large-object-heap array. One emptied
/// segment is kept for reuse. Not thread-safe.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class SegmentedQueue<T>
{
    /// <summary>Items per segment: 1 024 items of 24 bytes stay well below the large-object heap's 85 000 bytes.</summary>
    internal const int SegmentSize = 1024;

    private Segment _head = new();
    private Segment _tail;
    private Segment? _spare;
    private int _headIndex;
    private int _tailCount;

    /// <summary>Initializes a new instance of the <see cref="SegmentedQueue{T}"/> class: an empty queue.</summary>
    public SegmentedQueue() => _tail = _head;

    /// <summary>Gets the number of items.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an item at the end.</summary>
    /// <param name="item">The item.</param>
    public void Enqueue(T item)
    {
        if (_tailCount == SegmentSize)
        {
            var next = _spare ?? new Segment();
            _spare = null;
            _tail.Next = next;
            _tail = next;
            _tailCount = 0;
        }

        _tail.Items[_tailCount++] = item;
        Count++;
    }

    /// <summary>Gets the first item without removing it.</summary>
    /// <param name="item">The first item.</param>
    /// <returns><see langword="false"/> when the queue is empty.</returns>
    public bool TryPeek(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _head.Items[_headIndex];
        return true;
    }

    /// <summary>Removes and returns the first item.</summary>
    /// <returns>The item.</returns>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    public T Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        var items = _head.Items;
        var item = items[_headIndex];
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            items[_headIndex] = default!;
        }

        _headIndex++;
        Count--;
        if (Count == 0)
        {
            // Empty: start again at the beginning of the head segment; any later segment becomes the spare.
            _spare ??= _head.Next;
            _head.Next = null;
            _tail = _head;
            _headIndex = 0;
            _tailCount = 0;
        }
        else if (_headIndex == SegmentSize)
        {
            var emptied = _head;
            _head = emptied.Next!;
            emptied.Next = null;
            _spare ??= emptied;
            _headIndex = 0;
        }

        return item;
    }

    /// <summary>Drops the segment kept for reuse.</summary>
    public void TrimExcess() => _spare = null;

    private sealed class Segment
    {
#pragma warning disable SA1401 // A private node: fields keep it simple.
        public readonly T[] Items = new T[SegmentSize];
        public Segment? Next;
#pragma warning restore SA1401
    }
}
