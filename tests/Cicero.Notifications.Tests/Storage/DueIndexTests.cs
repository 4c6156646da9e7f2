using CsCheck;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications.Tests.Storage;

/// <summary>The in-memory store's due index: FIFO and heap together give items earliest due first, ties by sequence.</summary>
public sealed class DueIndexTests
{
    private static readonly Gen<(int Ticks, bool AtOnce)[]> Additions = Gen.Select(Gen.Int[0, 50], Gen.Bool).Array[0, 200];

    [Fact]
    public void Items_come_out_earliest_due_first_then_in_the_order_added()
    {
        Additions.Sample(additions =>
        {
            var index = new DueIndex();
            var expected = Add(index, additions);

            var taken = TakeAll(index, long.MaxValue);

            taken.Should().Equal(expected.OrderBy(i => i.Ticks).ThenBy(i => i.Sequence));
        });
    }

    [Fact]
    public void Nothing_due_after_the_given_time_is_taken()
    {
        Additions.Sample(additions =>
        {
            var index = new DueIndex();
            var expected = Add(index, additions);

            var taken = TakeAll(index, 25);

            taken.Should().Equal(expected.Where(i => i.Ticks <= 25).OrderBy(i => i.Ticks).ThenBy(i => i.Sequence));
        });
    }

    [Fact]
    public void Removing_items_keeps_the_order_of_the_rest()
    {
        Additions.Sample(additions =>
        {
            var index = new DueIndex();
            var expected = Add(index, additions);

            index.RemoveWhere(i => i.Sequence % 3 == 0);

            TakeAll(index, long.MaxValue).Should().Equal(expected.Where(i => i.Sequence % 3 != 0).OrderBy(i => i.Ticks).ThenBy(i => i.Sequence));
        });
    }

    [Fact]
    public void Items_added_between_takes_keep_their_place()
    {
        var index = new DueIndex();
        index.Add(new DueItem(10, 1, 1), atOnce: true);
        index.Add(new DueItem(20, 2, 2), atOnce: true);
        index.TryTakeDue(long.MaxValue, out _);
        index.Add(new DueItem(15, 3, 3), atOnce: true);
        index.Add(new DueItem(5, 4, 4), atOnce: false);

        var taken = TakeAll(index, long.MaxValue);

        taken.Select(i => i.Slot).Should().Equal(4, 3, 2);
    }

    private static List<DueItem> Add(DueIndex index, (int Ticks, bool AtOnce)[] additions)
    {
        var added = new List<DueItem>();
        for (var i = 0; i < additions.Length; i++)
        {
            var item = new DueItem(additions[i].Ticks, i + 1, i);
            index.Add(item, additions[i].AtOnce);
            added.Add(item);
        }

        return added;
    }

    private static List<DueItem> TakeAll(DueIndex index, long ticks)
    {
        var taken = new List<DueItem>();
        while (index.TryTakeDue(ticks, out var item))
        {
            taken.Add(item);
        }

        return taken;
    }
}
