namespace Cicero.Notifications.Storage;

/// <summary>
/// The in-memory store's index of due times: which message to claim next, earliest due first (ties in the order the
/// items were added). Not thread-safe; the store calls it under its lock.
/// </summary>
/// <remarks>
/// <para>
/// Two parts, merged when taking: a FIFO queue for items due "at once" (a new message is due at its creation time,
/// which only moves forward, so these arrive in due order and both ends are O(1)), and an array-based binary min-heap for
/// everything else (retries, later sends, the odd item that arrives out of order).
/// </para>
/// <para>
/// Deletion is lazy: the store never removes an item; it marks the message's live item by its sequence number and skips
/// any other item it takes. <see cref="RemoveWhere"/> drops such stale items when they pile up.
/// </para>
/// </remarks>
internal sealed class DueIndex
{
    private readonly SegmentedQueue<DueItem> _fifo = new();
    private DueItem[] _heap = [];
    private int _heapCount;
    private long _fifoLastTicks = long.MinValue;

    /// <summary>Gets the number of items, stale ones included.</summary>
    public int Count => _fifo.Count + _heapCount;

    /// <summary>Adds an item. Sequence numbers must grow with every call.</summary>
    /// <param name="item">The item.</param>
    /// <param name="atOnce">Whether the item is due when it was made (a new message), the case the FIFO serves.</param>
    public void Add(DueItem item, bool atOnce)
    {
        if (atOnce && (item.Ticks >= _fifoLastTicks || _fifo.Count == 0))
        {
            _fifo.Enqueue(item);
            _fifoLastTicks = item.Ticks;
            return;
        }

        if (_heapCount == _heap.Length)
        {
            Array.Resize(ref _heap, Math.Max(16, _heapCount * 2));
        }

        SiftUp(_heapCount++, item);
    }

    /// <summary>Takes the earliest item if it is due at or before <paramref name="ticks"/>.</summary>
    /// <param name="ticks">The current time in UTC ticks.</param>
    /// <param name="item">The item taken.</param>
    /// <returns><see langword="true"/> when an item was taken.</returns>
    public bool TryTakeDue(long ticks, out DueItem item)
    {
        var hasFifo = _fifo.TryPeek(out var head);
        if (_heapCount > 0 && (!hasFifo || Precedes(_heap[0], head)))
        {
            item = _heap[0];
            if (item.Ticks > ticks)
            {
                return false;
            }

            var last = _heap[--_heapCount];
            if (_heapCount > 0)
            {
                SiftDown(0, last);
            }

            return true;
        }

        if (hasFifo && head.Ticks <= ticks)
        {
            item = _fifo.Dequeue();
            return true;
        }

        item = default;
        return false;
    }

    /// <summary>Removes every item <paramref name="isStale"/> picks; keeps the order of the others.</summary>
    /// <param name="isStale">Whether an item is stale.</param>
    public void RemoveWhere(Func<DueItem, bool> isStale)
    {
        var kept = 0;
        for (var i = 0; i < _heapCount; i++)
        {
            if (!isStale(_heap[i]))
            {
                _heap[kept++] = _heap[i];
            }
        }

        _heapCount = kept;
        for (var i = (_heapCount / 2) - 1; i >= 0; i--)
        {
            SiftDown(i, _heap[i]);
        }

        var fifoCount = _fifo.Count;
        for (var i = 0; i < fifoCount; i++)
        {
            var item = _fifo.Dequeue();
            if (!isStale(item))
            {
                _fifo.Enqueue(item);
            }
        }

        if (_heap.Length > 64 && _heapCount < _heap.Length / 4)
        {
            Array.Resize(ref _heap, Math.Max(64, _heapCount * 2));
        }

        _fifo.TrimExcess();
    }

    private static bool Precedes(DueItem a, DueItem b)
        => a.Ticks < b.Ticks || (a.Ticks == b.Ticks && a.Sequence < b.Sequence);

    private void SiftUp(int index, DueItem item)
    {
        var heap = _heap;
        while (index > 0)
        {
            var parent = (index - 1) >> 1;
            if (!Precedes(item, heap[parent]))
            {
                break;
            }

            heap[index] = heap[parent];
            index = parent;
        }

        heap[index] = item;
    }

    private void SiftDown(int index, DueItem item)
    {
        var heap = _heap;
        var count = _heapCount;
        while (true)
        {
            var child = (index << 1) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Precedes(heap[child + 1], heap[child]))
            {
                child++;
            }

            if (!Precedes(heap[child], item))
            {
                break;
            }

            heap[index] = heap[child];
            index = child;
        }

        heap[index] = item;
    }
}
